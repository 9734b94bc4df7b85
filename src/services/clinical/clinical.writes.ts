import type { Transaction } from 'kysely';
import { actorText } from '../../audit/Stamp.js';
import { editStamp, entryStamp } from '../../audit/stampColumns.js';
import { maxLength } from '../../db/columnLengths.js';
import { appendOutboxEvent } from '../../gateway/events/appendOutboxEvent.js';
import type { Database } from '../../db/tables.js';
import { badInput, DomainError, notFound } from '../../lib/DomainError.js';
import { ErrorCode } from '../../lib/ErrorCode.js';
import { toCents } from '../../lib/money.js';
import type { ServiceDeps } from '../ServiceDeps.js';
import type { Procedure } from '../types.js';
import { changesOf, money, requireAmount, requireDate, requireText, requireVersion, requireVisible } from '../writeRules.js';
import { toProcedure } from './mapProcedure.js';

export interface AddProcedureInput {
  patientId: number;
  /** the procedure code: its id, or its code text ('D0120') */
  codeId?: number | null;
  code?: string | null;
  providerId: number;
  appointmentId?: number | null;
  /** exact decimal string; default: the provider's fee schedule */
  fee?: string | null;
  /** default: today (UTC) */
  date?: string | null;
  tooth?: string | null;
  surfaces?: string | null;
}
export interface CompleteProcedureInput {
  id: number;
  expectedVersion?: number | null;
  /** default: today (UTC) */
  date?: string | null;
}

const TREATMENT_PLANNED = 1;
const COMPLETE = 2;
const COLUMNS = ['PatNum', 'AptNum', 'ProcStatus', 'CodeNum', 'ProcFee', 'ProcDate', 'ProvNum', 'ClinicNum', 'ToothNum', 'Surf', 'DateComplete'] as const;

/** Procedure writes: treatment-planned procedures and their completion. */
export function createClinicalWrites(deps: ServiceDeps) {
  const { runner, principal, securityLog } = deps;
  type Trx = Transaction<Database>;

  const codeOf = async (trx: Trx, input: AddProcedureInput) => {
    if (input.codeId == null && !input.code) throw badInput('input.codeId or input.code is required', 'input.codeId');
    const q = trx.selectFrom('procedurecode').select(['CodeNum', 'ProcCode', 'Descript']);
    const rows = await runner.exec(
      trx,
      'clinical.add.code',
      input.codeId != null ? q.where('CodeNum', '=', input.codeId) : q.where('ProcCode', '=', input.code!.trim()),
    );
    const row = rows.rows[0];
    if (!row) throw notFound('ProcedureCode', input.codeId ?? input.code);
    return row;
  };
  const reload = async (trx: Trx, procNum: number): Promise<Procedure> =>
    toProcedure((await runner.exec(trx, 'clinical.reload', trx.selectFrom('procedurelog').selectAll().where('ProcNum', '=', procNum))).rows[0]!);

  return {
    async addProcedure(input: AddProcedureInput): Promise<Procedure> {
      const stamp = deps.authorizeWrite('clinical:write');
      const givenFee = input.fee == null ? undefined : requireAmount(input.fee, 'input.fee', true);
      const date = requireDate(input.date, 'input.date') ?? stamp.at.slice(0, 10);
      const tooth = requireText(input.tooth, 'input.tooth', maxLength('procedurelog', 'ToothNum'), false) ?? '';
      const surf = requireText(input.surfaces, 'input.surfaces', maxLength('procedurelog', 'Surf'), false) ?? '';
      return deps.writeOnce('clinical.add', {
        entity: 'Procedure',
        load: reload,
        write: async (trx) => {
          const patient = (
            await runner.exec(trx, 'clinical.add.patient', trx.selectFrom('patient').select(['PatNum', 'ClinicNum']).where('PatNum', '=', input.patientId))
          ).rows[0];
          if (!patient) throw notFound('Patient', input.patientId);
          requireVisible(principal, patient.ClinicNum, 'Patient', input.patientId);
          const prov = (
            await runner.exec(
              trx,
              'clinical.add.provider',
              trx.selectFrom('provider').select(['ProvNum', 'ClinicNum', 'FeeSched']).where('ProvNum', '=', input.providerId),
            )
          ).rows[0];
          if (!prov) throw notFound('Provider', input.providerId);
          requireVisible(principal, prov.ClinicNum, 'Provider', input.providerId, true);
          let clinicNum = Number(patient.ClinicNum);
          if (input.appointmentId != null) {
            const apt = (
              await runner.exec(
                trx,
                'clinical.add.appointment',
                trx.selectFrom('appointment').select(['AptNum', 'PatNum', 'ClinicNum']).where('AptNum', '=', input.appointmentId),
              )
            ).rows[0];
            if (!apt) throw notFound('Appointment', input.appointmentId);
            requireVisible(principal, apt.ClinicNum, 'Appointment', input.appointmentId);
            if (Number(apt.PatNum) !== input.patientId) throw badInput(`appointment ${input.appointmentId} belongs to another patient`, 'input.appointmentId');
            clinicNum = Number(apt.ClinicNum);
          }
          const code = await codeOf(trx, input);
          let fee = givenFee;
          if (fee === undefined) {
            const found = await runner.exec(
              trx,
              'clinical.add.fee',
              trx.selectFrom('fee').select('Amount').where('FeeSched', '=', Number(prov.FeeSched)).where('CodeNum', '=', Number(code.CodeNum)),
            );
            fee = found.rows[0] ? toCents(found.rows[0].Amount as unknown as string) : 0n;
          }
          const values = {
            PatNum: input.patientId,
            AptNum: input.appointmentId ?? 0,
            ProcStatus: TREATMENT_PLANNED,
            CodeNum: Number(code.CodeNum),
            ProcFee: money(fee),
            ProcDate: date,
            ProvNum: input.providerId,
            ClinicNum: clinicNum,
            ToothNum: tooth,
            Surf: surf,
            DateComplete: null,
            ...entryStamp(stamp),
          };
          const inserted = await runner.exec(trx, 'clinical.add.insert', trx.insertInto('procedurelog').values(values));
          const procNum = Number(inserted.insertId);
          await securityLog.append(trx, runner, {
            stamp,
            permType: 'ProcedureCreate',
            patNum: input.patientId,
            fKey: procNum,
            logText: `Procedure ${procNum} ${code.ProcCode}${tooth ? ` tooth ${tooth}` : ''} treatment-planned for patient ${input.patientId}, fee ${money(fee)}, by ${actorText(stamp)} through API`,
            changes: changesOf(null, values as Record<string, unknown>, COLUMNS),
          });
          await appendOutboxEvent(trx, runner, { type: 'procedure.added', entityId: procNum, clinicNum, stamp, at: deps.clock() });
          return procNum;
        },
      });
    },

    async completeProcedure(input: CompleteProcedureInput): Promise<Procedure> {
      const stamp = deps.authorizeWrite('clinical:write');
      const date = requireDate(input.date, 'input.date') ?? stamp.at.slice(0, 10);
      return deps.writeOnce('clinical.complete', {
        entity: 'Procedure',
        load: reload,
        write: async (trx) => {
          const before = (
            await runner.exec(
              trx,
              'clinical.complete.load',
              runner.syntax.forUpdate(trx.selectFrom('procedurelog').selectAll().where('ProcNum', '=', input.id)),
            )
          ).rows[0];
          if (!before) throw notFound('Procedure', input.id);
          requireVisible(principal, before.ClinicNum, 'Procedure', input.id);
          requireVersion('Procedure', input.id, before.RowVersion, input.expectedVersion);
          if (Number(before.ProcStatus) !== TREATMENT_PLANNED) {
            throw new DomainError(ErrorCode.CONFLICT, `Procedure ${input.id} is not treatment-planned`, { details: { id: String(input.id) } });
          }
          const after = { ProcStatus: COMPLETE, ProcDate: date, DateComplete: date };
          const changes = changesOf(before as unknown as Record<string, unknown>, after, COLUMNS);
          await runner.exec(
            trx,
            'clinical.complete.write',
            trx
              .updateTable('procedurelog')
              .set({ ...after, ...editStamp(stamp, before.RowVersion) })
              .where('ProcNum', '=', input.id),
          );
          await securityLog.append(trx, runner, {
            stamp,
            permType: 'ProcComplEdit',
            patNum: Number(before.PatNum),
            fKey: input.id,
            changes,
            logText: `Procedure ${input.id} completed on ${date} by ${actorText(stamp)} through API`,
          });
          await appendOutboxEvent(trx, runner, {
            type: 'procedure.completed',
            entityId: input.id,
            clinicNum: Number(before.ClinicNum),
            stamp,
            at: deps.clock(),
          });
          return input.id;
        },
      });
    },
  };
}
