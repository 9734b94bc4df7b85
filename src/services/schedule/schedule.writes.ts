import type { Transaction } from 'kysely';
import { actorText, type Stamp } from '../../audit/Stamp.js';
import { editStamp, entryStamp } from '../../audit/stampColumns.js';
import { appendOutboxEvent } from '../../gateway/events/appendOutboxEvent.js';
import type { AppointmentRow, Database } from '../../db/tables.js';
import type { DomainEventType } from '../../gateway/events/eventTypes.js';
import { badInput, DomainError, notFound } from '../../lib/DomainError.js';
import { ErrorCode } from '../../lib/ErrorCode.js';
import type { ServiceDeps } from '../ServiceDeps.js';
import type { Appointment } from '../types.js';
import { changesOf, requireText, requireVersion, requireVisible } from '../writeRules.js';
import { patternOf, startOf } from './appointmentTimeInput.js';
import { requireFreeSlot } from './requireFreeSlot.js';
import { toAppointment } from './mapAppointment.js';

export interface BookAppointmentInput {
  patientId: number;
  operatoryId: number;
  providerId: number;
  hygienistId?: number | null;
  /** ISO 8601 with offset */
  start: string;
  /** one character per 5 minutes ('X' provider, '/' assistant); or lengthMinutes */
  pattern?: string | null;
  lengthMinutes?: number | null;
  note?: string | null;
  isHygiene?: boolean | null;
}
export interface RescheduleAppointmentInput {
  id: number;
  expectedVersion: number;
  start: string;
  operatoryId?: number | null;
  providerId?: number | null;
  pattern?: string | null;
  lengthMinutes?: number | null;
}
export interface AppointmentStatusInput {
  id: number;
  expectedVersion?: number | null;
  note?: string | null;
}

const SCHEDULED = 1;
const BROKEN = 5;
/** histappointment.HistApptAction */
const HIST = { changed: 1, created: 3, cancelled: 4 } as const;
const COLUMNS = ['PatNum', 'AptStatus', 'Pattern', 'Confirmed', 'Op', 'ProvNum', 'ProvHyg', 'AptDateTime', 'Note', 'ClinicNum', 'IsHygiene'] as const;

const hhmm = (sqlDateTime: string) => sqlDateTime.slice(11, 16);

/** Appointment writes. Every change also writes a histappointment row (the previous state, as Open Dental does). */
export function createScheduleWrites(deps: ServiceDeps) {
  const { runner, principal, securityLog } = deps;
  type Trx = Transaction<Database>;
  const canSee = (clinicNum: number) => principal.clinicIds === null || principal.clinicIds.has(clinicNum);

  const history = (trx: Trx, row: AppointmentRow, action: number, stamp: Stamp) =>
    runner.exec(
      trx,
      'schedule.history',
      trx.insertInto('histappointment').values({
        ...row,
        AptNum: Number(row.AptNum),
        RowVersion: Number(row.RowVersion),
        HistUserNum: stamp.userNum,
        HistDateStamp: stamp.at,
        HistApptAction: action,
        ApptSource: stamp.programNum,
      }),
    );

  const load = async (trx: Trx, id: number): Promise<AppointmentRow> => {
    const found = await runner.exec(trx, 'schedule.write.load', runner.syntax.forUpdate(trx.selectFrom('appointment').selectAll().where('AptNum', '=', id)));
    const row = found.rows[0];
    if (!row) throw notFound('Appointment', id);
    requireVisible(principal, row.ClinicNum, 'Appointment', id);
    return row;
  };
  const reload = async (trx: Trx, id: number): Promise<Appointment> =>
    toAppointment((await runner.exec(trx, 'schedule.write.reload', trx.selectFrom('appointment').selectAll().where('AptNum', '=', id))).rows[0]!);

  const operatory = async (trx: Trx, id: number) => {
    const row = (
      await runner.exec(
        trx,
        'schedule.write.operatory',
        trx.selectFrom('operatory').select(['OperatoryNum', 'ClinicNum', 'IsHidden']).where('OperatoryNum', '=', id),
      )
    ).rows[0];
    if (!row || Number(row.IsHidden) === 1) throw notFound('Operatory', id);
    requireVisible(principal, row.ClinicNum, 'Operatory', id, true);
    return row;
  };
  const provider = async (trx: Trx, id: number) => {
    const row = (
      await runner.exec(trx, 'schedule.write.provider', trx.selectFrom('provider').select(['ProvNum', 'ClinicNum', 'IsHidden']).where('ProvNum', '=', id))
    ).rows[0];
    if (!row || Number(row.IsHidden) === 1) throw notFound('Provider', id);
    requireVisible(principal, row.ClinicNum, 'Provider', id, true);
    return row;
  };

  /** cancel / confirm: one column group changes, the row is kept */
  const changeStatus = (
    purpose: string,
    stamp: Stamp,
    input: AppointmentStatusInput,
    set: (row: AppointmentRow) => Partial<AppointmentRow>,
    verb: string,
    permType: string,
    hist: number,
    eventType: DomainEventType,
  ) =>
    deps.writeOnce(purpose, {
      entity: 'Appointment',
      load: reload,
      write: async (trx) => {
        const before = await load(trx, input.id);
        requireVersion('Appointment', input.id, before.RowVersion, input.expectedVersion);
        const after = set(before);
        const changes = changesOf(before as unknown as Record<string, unknown>, after as Record<string, unknown>, COLUMNS);
        if (Object.keys(changes).length === 0) return input.id;
        await history(trx, before, hist, stamp);
        await runner.exec(
          trx,
          `${purpose}.write`,
          trx
            .updateTable('appointment')
            .set({ ...after, ...editStamp(stamp, before.RowVersion) })
            .where('AptNum', '=', input.id),
        );
        await securityLog.append(trx, runner, {
          stamp,
          permType,
          patNum: Number(before.PatNum),
          fKey: input.id,
          changes,
          logText: `Appointment ${input.id} on ${before.AptDateTime.slice(0, 16)} ${verb} by ${actorText(stamp)} through API`,
        });
        await appendOutboxEvent(trx, runner, { type: eventType, entityId: input.id, clinicNum: Number(before.ClinicNum), stamp, at: deps.clock() });
        return input.id;
      },
    });

  return {
    async bookAppointment(input: BookAppointmentInput): Promise<Appointment> {
      const stamp = deps.authorizeWrite('schedule:write');
      const start = startOf(input.start);
      const pattern = patternOf(input.pattern, input.lengthMinutes);
      if (pattern === undefined) throw badInput('input.pattern or input.lengthMinutes is required', 'input.pattern');
      const note = requireText(input.note, 'input.note', 4000, false) ?? '';
      return deps.writeOnce('schedule.book', {
        entity: 'Appointment',
        load: reload,
        write: async (trx) => {
          const patient = (
            await runner.exec(
              trx,
              'schedule.book.patient',
              trx.selectFrom('patient').select(['PatNum', 'ClinicNum', 'PatStatus']).where('PatNum', '=', input.patientId),
            )
          ).rows[0];
          if (!patient) throw notFound('Patient', input.patientId);
          requireVisible(principal, patient.ClinicNum, 'Patient', input.patientId);
          const op = await operatory(trx, input.operatoryId);
          await provider(trx, input.providerId);
          if (input.hygienistId != null) await provider(trx, input.hygienistId);
          await requireFreeSlot(trx, runner, { start, pattern, op: input.operatoryId, provNum: input.providerId, provHyg: input.hygienistId ?? 0, canSee });
          const values = {
            PatNum: input.patientId,
            AptStatus: SCHEDULED,
            Pattern: pattern,
            Confirmed: 0,
            Op: input.operatoryId,
            ProvNum: input.providerId,
            ProvHyg: input.hygienistId ?? 0,
            AptDateTime: start,
            Note: note,
            ClinicNum: Number(op.ClinicNum) || Number(patient.ClinicNum),
            IsHygiene: input.isHygiene ? 1 : 0,
            ...entryStamp(stamp),
          };
          const inserted = await runner.exec(trx, 'schedule.book.insert', trx.insertInto('appointment').values(values));
          const aptNum = Number(inserted.insertId);
          const row = (await runner.exec(trx, 'schedule.book.reload', trx.selectFrom('appointment').selectAll().where('AptNum', '=', aptNum))).rows[0]!;
          await history(trx, row, HIST.created, stamp);
          await securityLog.append(trx, runner, {
            stamp,
            permType: 'AppointmentCreate',
            patNum: input.patientId,
            fKey: aptNum,
            logText: `Appointment ${aptNum} booked for ${start.slice(0, 16)} (${pattern.length * 5} min, operatory ${input.operatoryId}) by ${actorText(stamp)} through API`,
            changes: changesOf(null, values as Record<string, unknown>, COLUMNS),
          });
          await appendOutboxEvent(trx, runner, { type: 'appointment.booked', entityId: aptNum, clinicNum: values.ClinicNum, stamp, at: deps.clock() });
          return aptNum;
        },
      });
    },

    async rescheduleAppointment(input: RescheduleAppointmentInput): Promise<Appointment> {
      const stamp = deps.authorizeWrite('schedule:write');
      const start = startOf(input.start);
      const newPattern = patternOf(input.pattern, input.lengthMinutes);
      return deps.writeOnce('schedule.reschedule', {
        entity: 'Appointment',
        load: reload,
        write: async (trx) => {
          const before = await load(trx, input.id);
          requireVersion('Appointment', input.id, before.RowVersion, input.expectedVersion);
          if (Number(before.AptStatus) !== SCHEDULED) {
            throw new DomainError(ErrorCode.CONFLICT, `Appointment ${input.id} is not scheduled and cannot be moved`, { details: { id: String(input.id) } });
          }
          const opNum = input.operatoryId ?? Number(before.Op);
          const provNum = input.providerId ?? Number(before.ProvNum);
          const op = await operatory(trx, opNum);
          if (input.providerId != null) await provider(trx, input.providerId);
          const pattern = newPattern ?? before.Pattern;
          await requireFreeSlot(trx, runner, { start, pattern, op: opNum, provNum, provHyg: Number(before.ProvHyg), exceptAptNum: input.id, canSee });
          const after = {
            AptDateTime: start,
            Op: opNum,
            ProvNum: provNum,
            Pattern: pattern,
            ClinicNum: Number(op.ClinicNum) || Number(before.ClinicNum),
            Confirmed: 0,
          };
          const changes = changesOf(before as unknown as Record<string, unknown>, after, COLUMNS);
          if (Object.keys(changes).length === 0) return input.id;
          await history(trx, before, HIST.changed, stamp);
          await runner.exec(
            trx,
            'schedule.reschedule.write',
            trx
              .updateTable('appointment')
              .set({ ...after, ...editStamp(stamp, before.RowVersion) })
              .where('AptNum', '=', input.id),
          );
          const sameDay = before.AptDateTime.slice(0, 10) === start.slice(0, 10);
          const from = sameDay ? hhmm(before.AptDateTime) : before.AptDateTime.slice(0, 16);
          const to = sameDay ? hhmm(start) : start.slice(0, 16);
          await securityLog.append(trx, runner, {
            stamp,
            permType: 'AppointmentMove',
            patNum: Number(before.PatNum),
            fKey: input.id,
            changes,
            logText: `Appointment ${input.id} moved from ${from} to ${to} by ${actorText(stamp)} through API`,
          });
          await appendOutboxEvent(trx, runner, { type: 'appointment.rescheduled', entityId: input.id, clinicNum: after.ClinicNum, stamp, at: deps.clock() });
          return input.id;
        },
      });
    },

    cancelAppointment(input: AppointmentStatusInput): Promise<Appointment> {
      const stamp = deps.authorizeWrite('schedule:write');
      const note = requireText(input.note, 'input.note', 4000, false);
      return changeStatus(
        'schedule.cancel',
        stamp,
        input,
        (row) => {
          if (Number(row.AptStatus) !== SCHEDULED) {
            throw new DomainError(ErrorCode.CONFLICT, `Appointment ${input.id} is not scheduled and cannot be cancelled`, {
              details: { id: String(input.id) },
            });
          }
          return { AptStatus: BROKEN, ...(note ? { Note: row.Note ? `${row.Note}\n${note}` : note } : {}) };
        },
        'cancelled',
        'AppointmentCancel',
        HIST.cancelled,
        'appointment.cancelled',
      );
    },

    confirmAppointment(input: AppointmentStatusInput): Promise<Appointment> {
      const stamp = deps.authorizeWrite('schedule:write');
      return changeStatus(
        'schedule.confirm',
        stamp,
        input,
        (row) => {
          if (Number(row.AptStatus) !== SCHEDULED) {
            throw new DomainError(ErrorCode.CONFLICT, `Appointment ${input.id} is not scheduled and cannot be confirmed`, {
              details: { id: String(input.id) },
            });
          }
          return { Confirmed: 1 };
        },
        'confirmed',
        'AppointmentConfirm',
        HIST.changed,
        'appointment.confirmed',
      );
    },
  };
}
