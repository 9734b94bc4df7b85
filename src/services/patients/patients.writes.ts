import { actorText } from '../../audit/Stamp.js';
import { editStamp, entryStamp } from '../../audit/stampColumns.js';
import type { Insertable, Transaction, Updateable } from 'kysely';
import { maxLength } from '../../db/columnLengths.js';
import type { Database, PatientTable } from '../../db/tables.js';
import { appendOutboxEvent } from '../../gateway/events/appendOutboxEvent.js';
import { badInput, notFound } from '../../lib/DomainError.js';
import type { ServiceDeps } from '../ServiceDeps.js';
import type { Gender, Patient } from '../types.js';
import { changesOf, requireDate, requireText, requireVersion, requireVisible } from '../writeRules.js';
import { toPatient } from './mapPatient.js';

export interface PatientFields {
  firstName?: string | null;
  lastName?: string | null;
  middleInitial?: string | null;
  preferredName?: string | null;
  gender?: Gender | null;
  birthdate?: string | null;
  email?: string | null;
  homePhone?: string | null;
  mobilePhone?: string | null;
  address?: string | null;
  city?: string | null;
  state?: string | null;
  zip?: string | null;
  primaryProviderId?: number | null;
}
export interface CreatePatientInput extends PatientFields {
  firstName: string;
  lastName: string;
  clinicId: number;
}
export interface UpdatePatientInput extends PatientFields {
  id: number;
  expectedVersion: number;
}

const GENDER_CODES: Readonly<Record<Gender, number>> = { MALE: 0, FEMALE: 1, UNKNOWN: 2 };
const COLUMNS = [
  'LName',
  'FName',
  'MiddleI',
  'Preferred',
  'Gender',
  'Birthdate',
  'Email',
  'HmPhone',
  'WirelessPhone',
  'Address',
  'City',
  'State',
  'Zip',
  'PriProv',
  'ClinicNum',
  'PatStatus',
] as const;

/** Input -> the columns it sets (only the fields present), validated; BAD_USER_INPUT names the field. */
function columnsOf(input: PatientFields, creating: boolean): Updateable<PatientTable> {
  const out: Record<string, unknown> = {};
  const text = (key: keyof PatientFields, col: Parameters<typeof maxLength<'patient'>>[1], required = false) => {
    if (!(key in input) && !creating) return;
    const v = requireText(input[key] as string | null | undefined, `input.${key}`, maxLength('patient', col), required);
    if (v !== undefined) out[col] = v;
    else if (creating) out[col] = '';
  };
  text('lastName', 'LName', creating || 'lastName' in input);
  text('firstName', 'FName', creating || 'firstName' in input);
  text('middleInitial', 'MiddleI');
  text('preferredName', 'Preferred');
  text('email', 'Email');
  text('homePhone', 'HmPhone');
  text('mobilePhone', 'WirelessPhone');
  text('address', 'Address');
  text('city', 'City');
  text('state', 'State');
  text('zip', 'Zip');
  if (input.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(input.email.trim())) throw badInput('input.email is not an e-mail address', 'input.email');
  if ('birthdate' in input || creating) {
    const b = requireDate(input.birthdate, 'input.birthdate');
    if (b !== undefined && (b < '1880-01-01' || b > new Date().toISOString().slice(0, 10)))
      throw badInput('input.birthdate is out of range', 'input.birthdate');
    out.Birthdate = b ?? null;
  }
  if (input.gender != null) out.Gender = GENDER_CODES[input.gender];
  else if (creating) out.Gender = 2;
  return out as Updateable<PatientTable>;
}

/** createPatient / updatePatient: one transaction each, stamped and logged. */
export function createPatientWrites(deps: ServiceDeps) {
  const { runner, principal, securityLog } = deps;

  const checkProvider = async (trx: Transaction<Database>, provNum: number) => {
    const found = await runner.exec(trx, 'patients.write.provider', trx.selectFrom('provider').select(['ProvNum', 'ClinicNum']).where('ProvNum', '=', provNum));
    const p = found.rows[0];
    if (!p) throw notFound('Provider', provNum);
    requireVisible(principal, p.ClinicNum, 'Provider', provNum, true);
  };
  const reload = async (trx: Transaction<Database>, patNum: number): Promise<Patient> =>
    toPatient((await runner.exec(trx, 'patients.reload', trx.selectFrom('patient').selectAll().where('PatNum', '=', patNum))).rows[0]!);

  return {
    async createPatient(input: CreatePatientInput): Promise<Patient> {
      const stamp = deps.authorizeWrite('patients:write');
      const cols = columnsOf(input, true);
      return deps.writeOnce('patients.create', {
        entity: 'Patient',
        load: reload,
        write: async (trx) => {
          const clinic = await runner.exec(trx, 'patients.create.clinic', trx.selectFrom('clinic').select('ClinicNum').where('ClinicNum', '=', input.clinicId));
          if (!clinic.rows[0]) throw notFound('Clinic', input.clinicId);
          requireVisible(principal, input.clinicId, 'Clinic', input.clinicId);
          if (input.primaryProviderId != null) await checkProvider(trx, input.primaryProviderId);
          const values: Record<string, unknown> = {
            LName: '',
            FName: '',
            MiddleI: '',
            Preferred: '',
            Email: '',
            HmPhone: '',
            WirelessPhone: '',
            Address: '',
            City: '',
            State: '',
            Zip: '',
            Gender: 2,
            Birthdate: null,
            ...cols,
            PatStatus: 0,
            Guarantor: 0,
            PriProv: input.primaryProviderId ?? 0,
            SecProv: 0,
            ClinicNum: input.clinicId,
            DateFirstVisit: null,
            ...entryStamp(stamp),
          };
          const inserted = await runner.exec(trx, 'patients.create.insert', trx.insertInto('patient').values(values as Insertable<PatientTable>));
          const patNum = Number(inserted.insertId);
          // the head of a new family is their own guarantor
          await runner.exec(trx, 'patients.create.guarantor', trx.updateTable('patient').set({ Guarantor: patNum }).where('PatNum', '=', patNum));
          await securityLog.append(trx, runner, {
            stamp,
            permType: 'PatientCreate',
            patNum,
            fKey: patNum,
            logText: `Patient ${patNum} ${String(values.FName)} ${String(values.LName)} created by ${actorText(stamp)} through API`,
            changes: changesOf(null, values, COLUMNS),
          });
          await appendOutboxEvent(trx, runner, { type: 'patient.created', entityId: patNum, clinicNum: input.clinicId, stamp, at: deps.clock() });
          return patNum;
        },
      });
    },

    async updatePatient(input: UpdatePatientInput): Promise<Patient> {
      const stamp = deps.authorizeWrite('patients:write');
      const cols = columnsOf(input, false);
      return deps.writeOnce('patients.update', {
        entity: 'Patient',
        load: reload,
        write: async (trx) => {
          const found = await runner.exec(
            trx,
            'patients.update.load',
            runner.syntax.forUpdate(trx.selectFrom('patient').selectAll().where('PatNum', '=', input.id)),
          );
          const before = found.rows[0];
          if (!before) throw notFound('Patient', input.id);
          requireVisible(principal, before.ClinicNum, 'Patient', input.id);
          requireVersion('Patient', input.id, before.RowVersion, input.expectedVersion);
          if (input.primaryProviderId != null) {
            await checkProvider(trx, input.primaryProviderId);
            (cols as Record<string, unknown>).PriProv = input.primaryProviderId;
          }
          const changes = changesOf(before as unknown as Record<string, unknown>, cols as Record<string, unknown>, COLUMNS);
          if (Object.keys(changes).length === 0) return input.id;
          await runner.exec(
            trx,
            'patients.update.write',
            trx
              .updateTable('patient')
              .set({ ...cols, ...editStamp(stamp, before.RowVersion) })
              .where('PatNum', '=', input.id),
          );
          await securityLog.append(trx, runner, {
            stamp,
            permType: 'PatientEdit',
            patNum: input.id,
            fKey: input.id,
            logText: `Patient ${input.id} edited (${Object.keys(changes).join(', ')}) by ${actorText(stamp)} through API`,
            changes,
          });
          await appendOutboxEvent(trx, runner, { type: 'patient.updated', entityId: input.id, clinicNum: Number(before.ClinicNum), stamp, at: deps.clock() });
          return input.id;
        },
      });
    },
  };
}
