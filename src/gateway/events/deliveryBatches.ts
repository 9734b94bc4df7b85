import type { Transaction } from 'kysely';
import type { SqlRunner } from '../../db/SqlRunner.js';
import type { Database } from '../../db/tables.js';

/** A delivery taken by one dispatcher: nobody else attempts it until its lease ends. */
export interface ClaimedDelivery {
  readonly id: number;
  readonly eventId: number;
  /** this attempt's number (1 = the first); also the fence its outcome is written with */
  readonly attempt: number;
}

/** One endpoint's share of a fan-out: its position before and after, the events it receives, and how many to claim at once. */
export interface FanOutPlan {
  endpointId: number;
  fromEventId: number;
  toEventId: number;
  eventIds: readonly number[];
  claimLimit: number;
}

export interface Success {
  id: number;
  attempt: number;
  status: number;
}

type Trx = Transaction<Database>;

const OPEN = ['pending', 'failed'];

/** A new delivery row: due at once, never attempted. */
export const newDelivery = (eventId: number, endpointId: number, now: string) => ({
  event_id: eventId,
  endpoint_id: endpointId,
  status: 'pending',
  attempts: 0,
  next_attempt_at: now,
  last_error: null,
  last_status: null,
  delivered_at: null,
  created_at: now,
});

const groupByEndpoint = (rows: readonly { id: number; endpoint_id: number; event_id: number; attempts: number }[]) => {
  const out = new Map<number, ClaimedDelivery[]>();
  for (const r of rows) {
    const list = out.get(Number(r.endpoint_id)) ?? [];
    list.push({ id: Number(r.id), eventId: Number(r.event_id), attempt: Number(r.attempts) + 1 });
    out.set(Number(r.endpoint_id), list);
  }
  return out;
};

const lease = (trx: Trx, runner: SqlRunner, ids: readonly number[], leaseUntil: string) =>
  runner.exec(
    trx,
    'deliveries.lease',
    trx
      .updateTable('gw_delivery')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: leaseUntil }))
      .where('id', 'in', [...ids]),
  );

/**
 * Every endpoint's fan-out of one tick in one transaction: locks the endpoints' positions (SKIP
 * LOCKED: an endpoint another dispatcher is fanning out is left to it), creates the deliveries
 * of those still where the plan found them, moves their positions, and claims the first
 * `claimLimit` new deliveries of each. The endpoints absent from the result were skipped.
 */
export async function fanOutAll(runner: SqlRunner, plans: readonly FanOutPlan[], now: string, leaseUntil: string): Promise<Map<number, ClaimedDelivery[]>> {
  if (plans.length === 0) return new Map();
  return runner.transaction('deliveries.fanOut', async (trx) => {
    const locked = await runner.exec(
      trx,
      'deliveries.fanOut.positions',
      runner.syntax.skipLocked(
        trx
          .selectFrom('gw_webhook_endpoint')
          .select(['id', 'last_event_id'])
          .where(
            'id',
            'in',
            plans.map((p) => p.endpointId),
          )
          .where('status', '=', 'active'),
      ),
    );
    const at = new Map(locked.rows.map((r) => [Number(r.id), Number(r.last_event_id)]));
    const mine = plans.filter((p) => at.get(p.endpointId) === p.fromEventId);
    const rows = mine.flatMap((p) => p.eventIds.map((eventId) => newDelivery(eventId, p.endpointId, now)));
    for (let i = 0; i < rows.length; i += 500) {
      await runner.exec(
        trx,
        'deliveries.fanOut.insert',
        trx
          .insertInto('gw_delivery')
          .orIgnore()
          .values(rows.slice(i, i + 500)),
      );
    }
    for (const p of mine) {
      await runner.exec(
        trx,
        'deliveries.fanOut.advance',
        trx.updateTable('gw_webhook_endpoint').set({ last_event_id: p.toEventId }).where('id', '=', p.endpointId),
      );
    }
    const result = new Map<number, ClaimedDelivery[]>(mine.map((p) => [p.endpointId, []]));
    const wanted = new Map(mine.filter((p) => p.claimLimit > 0).map((p) => [p.endpointId, new Set(p.eventIds.slice(0, p.claimLimit))]));
    if (wanted.size === 0) return result;
    const found = await runner.exec(
      trx,
      'deliveries.fanOut.claim',
      trx
        .selectFrom('gw_delivery')
        .select(['id', 'endpoint_id', 'event_id', 'attempts'])
        .where('endpoint_id', 'in', [...wanted.keys()])
        .where('event_id', 'in', [...new Set([...wanted.values()].flatMap((s) => [...s]))])
        .where('status', '=', 'pending')
        .where('attempts', '=', 0),
    );
    const taken = found.rows.filter((r) => wanted.get(Number(r.endpoint_id))?.has(Number(r.event_id)));
    if (taken.length === 0) return result;
    await lease(
      trx,
      runner,
      taken.map((r) => Number(r.id)),
      leaseUntil,
    );
    for (const [endpointId, claimed] of groupByEndpoint(taken)) result.set(endpointId, claimed);
    return result;
  });
}

/**
 * The dispatcher's bookkeeping in one transaction: records successful attempts (each under its
 * attempt number, so a delivery claimed or replayed since is left alone), then claims up to each
 * endpoint's limit of due deliveries, oldest first, with SKIP LOCKED so concurrent dispatchers
 * take different rows.
 */
export async function settleAndClaim(
  runner: SqlRunner,
  successes: readonly Success[],
  claims: readonly { endpointId: number; limit: number }[],
  now: string,
  leaseUntil: string,
): Promise<Map<number, ClaimedDelivery[]>> {
  return runner.transaction('deliveries.settle', async (trx) => {
    const byStatus = new Map<number, Success[]>();
    for (const s of successes) byStatus.set(s.status, [...(byStatus.get(s.status) ?? []), s]);
    for (const [status, group] of byStatus) {
      await runner.exec(
        trx,
        'deliveries.settle.delivered',
        trx
          .updateTable('gw_delivery')
          .set({ status: 'delivered', next_attempt_at: now, last_status: status, last_error: null, delivered_at: now })
          .where((eb) =>
            eb(
              eb.refTuple('id', 'attempts'),
              'in',
              group.map((s) => eb.tuple(s.id, s.attempt)),
            ),
          ),
      );
    }
    const taken: { id: number; endpoint_id: number; event_id: number; attempts: number }[] = [];
    for (const c of claims) {
      if (c.limit <= 0) continue;
      const found = await runner.exec(
        trx,
        'deliveries.claim',
        runner.syntax.skipLocked(
          trx
            .selectFrom('gw_delivery')
            .select(['id', 'endpoint_id', 'event_id', 'attempts'])
            .where('endpoint_id', '=', c.endpointId)
            .where('status', 'in', OPEN)
            .where('next_attempt_at', '<=', now)
            .orderBy('next_attempt_at')
            .orderBy('id')
            .limit(c.limit),
        ),
      );
      taken.push(...found.rows);
    }
    if (taken.length > 0) {
      await lease(
        trx,
        runner,
        taken.map((r) => Number(r.id)),
        leaseUntil,
      );
    }
    return groupByEndpoint(taken);
  });
}
