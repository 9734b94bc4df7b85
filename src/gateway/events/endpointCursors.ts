import type { Transaction } from 'kysely';
import type { SqlRunner } from '../../db/SqlRunner.js';
import type { Database } from '../../db/tables.js';

/** A first attempt's outcome, written when its endpoint's position moves past it. */
export interface SettledRow {
  eventId: number;
  status: 'delivered' | 'failed' | 'dead';
  nextAttemptAt: string;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
}

/** One endpoint's position moving to `toEventId`, with the rows of the first attempts it passes. */
export interface CursorAdvance {
  endpointId: number;
  toEventId: number;
  rows: readonly SettledRow[];
}

/**
 * Takes (or keeps) the endpoints' new events for `owner` until `leaseUntil`: those nobody holds,
 * that `owner` holds, or whose holder's lease has run out. SKIP LOCKED: an endpoint another
 * dispatcher is taking right now is left to it. Returns each taken endpoint's position.
 */
export async function leaseEndpoints(
  runner: SqlRunner,
  endpointIds: readonly number[],
  owner: string,
  now: string,
  leaseUntil: string,
): Promise<Map<number, number>> {
  if (endpointIds.length === 0) return new Map();
  return runner.transaction('webhooks.lease', async (trx) => {
    const free = await runner.exec(
      trx,
      'webhooks.lease.find',
      runner.syntax.skipLocked(
        trx
          .selectFrom('gw_webhook_endpoint')
          .select(['id', 'last_event_id'])
          .where('id', 'in', [...endpointIds])
          .where('status', '=', 'active')
          .where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_owner', '=', owner), eb('lease_until', '<=', now)])),
      ),
    );
    if (free.rows.length === 0) return new Map();
    await runner.exec(
      trx,
      'webhooks.lease.take',
      trx
        .updateTable('gw_webhook_endpoint')
        .set({ lease_owner: owner, lease_until: leaseUntil })
        .where(
          'id',
          'in',
          free.rows.map((r) => Number(r.id)),
        ),
    );
    return new Map(free.rows.map((r) => [Number(r.id), Number(r.last_event_id)]));
  });
}

/**
 * Inside the bookkeeping transaction: moves each position `owner` still holds (renewing its
 * lease) and writes the rows of the first attempts it passes. An endpoint whose lease another
 * dispatcher has taken since is left alone (that one attempts those events again): returned.
 */
export async function advanceCursors(
  trx: Transaction<Database>,
  runner: SqlRunner,
  owner: string,
  advances: readonly CursorAdvance[],
  now: string,
  leaseUntil: string,
): Promise<Set<number>> {
  const lost = new Set<number>();
  for (const a of advances) {
    const moved = await runner.exec(
      trx,
      'webhooks.cursor.advance',
      trx
        .updateTable('gw_webhook_endpoint')
        .set({ last_event_id: a.toEventId, lease_until: leaseUntil })
        .where('id', '=', a.endpointId)
        .where('lease_owner', '=', owner),
    );
    if (Number(moved.numAffectedRows ?? 0n) === 0) {
      lost.add(a.endpointId);
      continue;
    }
    if (a.rows.length === 0) continue;
    await runner.exec(
      trx,
      'webhooks.cursor.rows',
      trx
        .insertInto('gw_delivery')
        .orIgnore()
        .values(
          a.rows.map((r) => ({
            event_id: r.eventId,
            endpoint_id: a.endpointId,
            status: r.status,
            attempts: 1,
            next_attempt_at: r.nextAttemptAt,
            last_error: r.lastError,
            last_status: r.lastStatus,
            delivered_at: r.deliveredAt,
            created_at: now,
          })),
        ),
    );
  }
  return lost;
}
