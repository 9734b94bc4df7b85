import { sql } from 'kysely';
import type { Db } from '../../db/Db.js';
import type { SqlRunner } from '../../db/SqlRunner.js';
import { selectDeliveries, type DeliveryFilter } from './selectDeliveries.js';
import type { DeliveryView, KeysetPage } from './types.js';

/** A delivery taken by one dispatcher: nobody else attempts it until its lease ends. */
export interface ClaimedDelivery {
  readonly id: number;
  readonly eventId: number;
  /** this attempt's number (1 = first); also the fence its outcome is written with */
  readonly attempt: number;
}

export interface DeliveryOutcome {
  status: 'delivered' | 'failed' | 'dead';
  /** UTC 'YYYY-MM-DD HH:MM:SS': when to try again ('failed'), else the attempt time */
  nextAttemptAt: string;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
}

/** gw_delivery: one row per (event, endpoint), claimed with SKIP LOCKED and fenced by its attempt number. */
export interface DeliveryStore {
  /**
   * Creates the deliveries of `eventIds` for one endpoint and moves its fan-out position from
   * `fromEventId` to `toEventId`, in one transaction; false (and nothing written) when another
   * dispatcher holds or has already moved that position.
   */
  fanOut(endpointId: number, fromEventId: number, toEventId: number, eventIds: readonly number[], now: string): Promise<boolean>;
  /** endpoints with deliveries due at `now`, and how many */
  due(now: string): Promise<Map<number, number>>;
  /** takes up to `limit` due deliveries of one endpoint, oldest first, leasing them until `leaseUntil` */
  claim(endpointId: number, now: string, limit: number, leaseUntil: string): Promise<ClaimedDelivery[]>;
  /** writes an attempt's outcome unless the delivery was claimed or replayed again since; false then */
  complete(id: number, attempt: number, outcome: DeliveryOutcome): Promise<boolean>;
  /** newest first */
  list(filter: DeliveryFilter, first: number, after?: string | null): Promise<KeysetPage<DeliveryView>>;
  /** queues these events again for one endpoint (new deliveries, or existing ones reset); how many */
  replay(endpointId: number, eventIds: readonly number[], now: string): Promise<number>;
  /** deliveries not yet delivered and not given up */
  backlog(): Promise<number>;
}

const OPEN = ['pending', 'failed'];

export function createDeliveryStore(db: Db, runner: SqlRunner): DeliveryStore {
  const k = db.interactive;
  const fresh = (eventId: number, endpointId: number, now: string) => ({
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

  return {
    async fanOut(endpointId, fromEventId, toEventId, eventIds, now) {
      return runner.transaction('deliveries.fanOut', async (trx) => {
        const position = await runner.exec(
          trx,
          'deliveries.fanOut.position',
          runner.syntax.skipLocked(trx.selectFrom('gw_webhook_endpoint').select('last_event_id').where('id', '=', endpointId).where('status', '=', 'active')),
        );
        const row = position.rows[0];
        if (!row || Number(row.last_event_id) !== fromEventId) return false;
        for (let i = 0; i < eventIds.length; i += 500) {
          const chunk = eventIds.slice(i, i + 500).map((eventId) => fresh(eventId, endpointId, now));
          await runner.exec(trx, 'deliveries.fanOut.insert', trx.insertInto('gw_delivery').orIgnore().values(chunk));
        }
        await runner.exec(
          trx,
          'deliveries.fanOut.advance',
          trx.updateTable('gw_webhook_endpoint').set({ last_event_id: toEventId }).where('id', '=', endpointId),
        );
        return true;
      });
    },

    async due(now) {
      const rows = await runner.readInteractive(
        'deliveries.due',
        k
          .selectFrom('gw_delivery')
          .select(['endpoint_id', sql<number>`count(*)`.as('n')])
          .where('status', 'in', OPEN)
          .where('next_attempt_at', '<=', now)
          .groupBy('endpoint_id'),
      );
      return new Map(rows.map((r) => [Number(r.endpoint_id), Number(r.n)]));
    },

    async claim(endpointId, now, limit, leaseUntil) {
      return runner.transaction('deliveries.claim', async (trx) => {
        const found = await runner.exec(
          trx,
          'deliveries.claim.select',
          runner.syntax.skipLocked(
            trx
              .selectFrom('gw_delivery')
              .select(['id', 'event_id', 'attempts'])
              .where('endpoint_id', '=', endpointId)
              .where('status', 'in', OPEN)
              .where('next_attempt_at', '<=', now)
              .orderBy('next_attempt_at')
              .orderBy('id')
              .limit(limit),
          ),
        );
        if (found.rows.length === 0) return [];
        const ids = found.rows.map((r) => Number(r.id));
        await runner.exec(
          trx,
          'deliveries.claim.lease',
          trx
            .updateTable('gw_delivery')
            .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: leaseUntil }))
            .where('id', 'in', ids),
        );
        return found.rows.map((r) => ({ id: Number(r.id), eventId: Number(r.event_id), attempt: Number(r.attempts) + 1 }));
      });
    },

    async complete(id, attempt, o) {
      const res = await runner.transaction('deliveries.complete', (trx) =>
        runner.exec(
          trx,
          'deliveries.complete',
          trx
            .updateTable('gw_delivery')
            .set({ status: o.status, next_attempt_at: o.nextAttemptAt, last_status: o.lastStatus, last_error: o.lastError, delivered_at: o.deliveredAt })
            .where('id', '=', id)
            .where('attempts', '=', attempt),
        ),
      );
      return Number(res.numAffectedRows ?? 0n) > 0;
    },

    list: (filter, first, after) => selectDeliveries(k, runner, filter, first, after),

    async replay(endpointId, eventIds, now) {
      if (eventIds.length === 0) return 0;
      return runner.transaction('deliveries.replay', async (trx) => {
        for (let i = 0; i < eventIds.length; i += 500) {
          const chunk = eventIds.slice(i, i + 500);
          await runner.exec(
            trx,
            'deliveries.replay.reset',
            trx
              .updateTable('gw_delivery')
              .set({ status: 'pending', attempts: 0, next_attempt_at: now, last_error: null, last_status: null, delivered_at: null })
              .where('endpoint_id', '=', endpointId)
              .where('event_id', 'in', chunk),
          );
          await runner.exec(
            trx,
            'deliveries.replay.insert',
            trx
              .insertInto('gw_delivery')
              .orIgnore()
              .values(chunk.map((eventId) => fresh(eventId, endpointId, now))),
          );
        }
        return eventIds.length;
      });
    },

    async backlog() {
      const rows = await runner.readInteractive(
        'deliveries.backlog',
        k
          .selectFrom('gw_delivery')
          .select(sql<number>`count(*)`.as('n'))
          .where('status', 'in', OPEN),
      );
      return Number(rows[0]?.n ?? 0);
    },
  };
}
