import type { Kysely } from 'kysely';
import type { SqlRunner } from '../../db/SqlRunner.js';
import type { Database } from '../../db/tables.js';
import { DomainError } from '../../lib/DomainError.js';
import { ErrorCode } from '../../lib/ErrorCode.js';
import { fromSqlDateTime, toSqlDateTime } from '../../lib/dates.js';

/** Statuses that occupy a chair and a provider: Scheduled, Complete. */
const OCCUPYING = [1, 2];
const MS_PER_CHAR = 5 * 60_000;
/** no appointment is longer than a day, so earlier starts cannot overlap */
const LOOKBACK_MS = 24 * 3_600_000;

const toMs = (sqlDateTime: string) => fromSqlDateTime(sqlDateTime.slice(0, 19));
const toSql = (ms: number) => toSqlDateTime(new Date(ms));

export interface Slot {
  start: string;
  pattern: string;
  op: number;
  provNum: number;
  provHyg: number;
  /** the appointment being moved (never conflicts with itself) */
  exceptAptNum?: number;
  /** may the caller see rows of this clinic? An invisible conflicting appointment is never named */
  canSee(clinicNum: number): boolean;
}

/**
 * Locks the operatory and provider rows (MySQL: FOR UPDATE, operatories before providers, each
 * by id, so two bookings always lock in the same order), then throws CONFLICT naming the first
 * occupying appointment that overlaps the slot in the same operatory or with the same provider.
 * An appointment of a clinic the caller may not see (a provider shared between clinics) still
 * blocks the slot, but the error names only the resource the caller gave, never that appointment.
 */
export async function requireFreeSlot(trx: Kysely<Database>, runner: SqlRunner, slot: Slot): Promise<void> {
  await runner.exec(
    trx,
    'schedule.lock.operatory',
    runner.syntax.forUpdate(trx.selectFrom('operatory').select('OperatoryNum').where('OperatoryNum', '=', slot.op)),
  );
  const providers = [...new Set([slot.provNum, slot.provHyg].filter((p) => p > 0))].sort((a, b) => a - b);
  for (const p of providers) {
    await runner.exec(trx, 'schedule.lock.provider', runner.syntax.forUpdate(trx.selectFrom('provider').select('ProvNum').where('ProvNum', '=', p)));
  }
  const startMs = toMs(slot.start);
  const endMs = startMs + slot.pattern.length * MS_PER_CHAR;
  const provs = providers.length > 0 ? providers : [-1];
  // a locking read sees the latest committed rows, not the transaction's snapshot
  const candidates = await runner.exec(
    trx,
    'schedule.conflicts',
    runner.syntax.forUpdate(
      trx
        .selectFrom('appointment')
        .select(['AptNum', 'AptDateTime', 'Pattern', 'Op', 'ProvNum', 'ProvHyg', 'ClinicNum'])
        .where('AptStatus', 'in', OCCUPYING)
        .where('AptDateTime', '>=', toSql(startMs - LOOKBACK_MS))
        .where('AptDateTime', '<', toSql(endMs))
        .where((eb) => eb.or([eb('Op', '=', slot.op), eb('ProvNum', 'in', provs), eb('ProvHyg', 'in', provs)]))
        .orderBy('AptDateTime')
        .orderBy('AptNum'),
    ),
  );
  for (const other of candidates.rows) {
    if (slot.exceptAptNum !== undefined && Number(other.AptNum) === slot.exceptAptNum) continue;
    const oStart = toMs(other.AptDateTime);
    const oEnd = oStart + String(other.Pattern).length * MS_PER_CHAR;
    if (!(oStart < endMs && oEnd > startMs)) continue;
    const sameOp = Number(other.Op) === slot.op;
    const otherProvs = [Number(other.ProvNum), Number(other.ProvHyg)].filter((p) => p > 0);
    const sharedProv = otherProvs.find((p) => providers.includes(p));
    if (!sameOp && sharedProv === undefined) continue;
    const what = sameOp ? `operatory ${slot.op}` : `provider ${sharedProv}`;
    const resource = sameOp ? 'operatory' : 'provider';
    if (!slot.canSee(Number(other.ClinicNum))) {
      throw new DomainError(ErrorCode.CONFLICT, `The slot is already booked in ${what}`, { field: 'input.start', details: { resource } });
    }
    throw new DomainError(ErrorCode.CONFLICT, `The slot is already booked in ${what} by appointment ${other.AptNum}`, {
      field: 'input.start',
      details: { conflictingAppointmentId: String(other.AptNum), resource },
    });
  }
}
