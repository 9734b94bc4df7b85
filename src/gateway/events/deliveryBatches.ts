import type { Transaction } from 'kysely';
import type { SqlRunner } from '../../db/SqlRunner.js';
import type { Database } from '../../db/tables.js';
import { advanceCursors, type CursorAdvance } from './endpointCursors.js';

/** A delivery taken by one dispatcher: nobody else attempts it until its lease ends. */
export interface ClaimedDelivery {
  readonly id: number;
  readonly eventId: number;
  /** this attempt's number (1 = the first); also the fence its outcome is written with */
  readonly attempt: number;
  /** a first attempt read from the outbox (no row yet: its outcome is written when its endpoint's position passes it; id is 0) */
  readonly fresh: boolean;
}

/** One endpoint's share of a fan-out: its position before and after, and the events it receives. */
export interface FanOutPlan {
  endpointId: number;
  fromEventId: number;
  toEventId: number;
  eventIds: readonly number[];
}

export interface Success {
  id: number;
  attempt: number;
  status: number;
}

/** One bookkeeping transaction's work: retried rows delivered, positions moved, due rows to claim. */
export interface SettleWork {
  successes: readonly Success[];
  /** the positions `owner` moves past settled first attempts (advanceCursors) */
  cursors?: { owner: string; advances: readonly CursorAdvance[] };
  claims: readonly { endpointId: number; limit: number }[];
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
    list.push({ id: Number(r.id), eventId: Number(r.event_id), attempt: Number(r.attempts) + 1, fresh: false });
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
 * Waiting deliveries for endpoints whose client is suspended, in one transaction: locks the
 * endpoints' positions (SKIP LOCKED: an endpoint another dispatcher is on is left to it), inserts
 * the rows of those still where the plan found them and moves their positions. No row above a
 * position exists (replay leaves those to the dispatcher). Returns the endpoints done.
 */
export async function fanOutAll(runner: SqlRunner, plans: readonly FanOutPlan[], now: string): Promise<Set<number>> {
  if (plans.length === 0) return new Set();
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
      await runner.exec(trx, 'deliveries.fanOut.insert', trx.insertInto('gw_delivery').values(rows.slice(i, i + 500)));
    }
    for (const p of mine) {
      await runner.exec(
        trx,
        'deliveries.fanOut.advance',
        trx.updateTable('gw_webhook_endpoint').set({ last_event_id: p.toEventId }).where('id', '=', p.endpointId),
      );
    }
    return new Set(mine.map((p) => p.endpointId));
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
  work: SettleWork,
  now: string,
  leaseUntil: string,
): Promise<{ claimed: Map<number, ClaimedDelivery[]>; lost: Set<number> }> {
  const { successes, claims } = work;
  return runner.transaction('deliveries.settle', async (trx) => {
    const lost = work.cursors ? await advanceCursors(trx, runner, work.cursors.owner, work.cursors.advances, now, leaseUntil) : new Set<number>();
    // one statement per (answer status, attempt number): `id IN (...)` is a primary-key range (MariaDB scans the whole table for a row-value IN)
    const groups = new Map<string, { status: number; attempt: number; ids: number[] }>();
    for (const s of successes) {
      const key = `${s.status} ${s.attempt}`;
      const group = groups.get(key) ?? { status: s.status, attempt: s.attempt, ids: [] };
      group.ids.push(s.id);
      groups.set(key, group);
    }
    for (const group of groups.values()) {
      await runner.exec(
        trx,
        'deliveries.settle.delivered',
        trx
          .updateTable('gw_delivery')
          .set({ status: 'delivered', next_attempt_at: now, last_status: group.status, last_error: null, delivered_at: now })
          .where('id', 'in', group.ids)
          .where('attempts', '=', group.attempt),
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
    return { claimed: groupByEndpoint(taken), lost };
  });
}
