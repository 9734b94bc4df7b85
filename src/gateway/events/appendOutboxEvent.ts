import type { Kysely } from 'kysely';
import type { Stamp } from '../../audit/Stamp.js';
import type { SqlRunner } from '../../db/SqlRunner.js';
import type { Database } from '../../db/tables.js';
import { toSqlDateTime } from '../../lib/dates.js';
import type { EventType } from './eventTypes.js';

export interface OutboxEntry {
  type: EventType;
  /** the changed row's key (PatNum, AptNum, ProcNum, PayNum...) */
  entityId: number;
  /** the entity's clinic (0 = none) */
  clinicNum: number;
  stamp: Stamp;
  /** when the change was written (the services' clock); the payload keeps its milliseconds */
  at: Date;
}

/** The thin event every subscriber receives and the feed returns, as stored in gw_outbox.payload. */
export interface ThinEvent {
  type: EventType;
  /** ISO 8601 UTC with milliseconds */
  timestamp: string;
  data: { id: string; clinicId: number | null; changedBy: { userId: number; clientId: number } };
}

const thinEventOf = (entry: OutboxEntry): ThinEvent => ({
  type: entry.type,
  timestamp: entry.at.toISOString(),
  data: {
    id: String(entry.entityId),
    clinicId: entry.clinicNum > 0 ? entry.clinicNum : null,
    changedBy: { userId: entry.stamp.userNum, clientId: entry.stamp.programNum },
  },
});

/**
 * Appends one event inside the caller's transaction, so a rolled-back change leaves no event.
 * Call it after securityLog.append in the same transaction: the chain-head lock that append holds
 * until commit makes outbox ids follow commit order, which the change feed's cursors rely on.
 */
export async function appendOutboxEvent(trx: Kysely<Database>, runner: SqlRunner, entry: OutboxEntry): Promise<number> {
  const at = toSqlDateTime(entry.at);
  const res = await runner.exec(
    trx,
    'events.append',
    trx.insertInto('gw_outbox').values({
      type: entry.type,
      entity_id: entry.entityId,
      clinic_num: entry.clinicNum,
      user_num: entry.stamp.userNum,
      program_num: entry.stamp.programNum,
      request_id: entry.stamp.requestId.slice(0, 64),
      occurred_at: at,
      payload: JSON.stringify(thinEventOf(entry)),
      created_at: at,
    }),
  );
  return Number(res.insertId);
}
