import { sql } from 'kysely';
import type { Db } from '../../db/Db.js';
import type { SqlRunner } from '../../db/SqlRunner.js';
import { fanOutAll, newDelivery, settleAndClaim, type ClaimedDelivery, type FanOutPlan, type SettleWork } from './deliveryBatches.js';
import { leaseEndpoints } from './endpointCursors.js';
import { selectDeliveries, type DeliveryFilter } from './selectDeliveries.js';
import type { DeliveryView, KeysetPage } from './types.js';

export type { ClaimedDelivery, FanOutPlan, SettleWork, Success } from './deliveryBatches.js';
export type { CursorAdvance, SettledRow } from './endpointCursors.js';

export interface DeliveryOutcome {
  status: 'delivered' | 'failed' | 'dead';
  /** UTC 'YYYY-MM-DD HH:MM:SS': when to try again ('failed'), else the attempt time */
  nextAttemptAt: string;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
}

/** gw_delivery: one row per settled (event, endpoint) and per retry or replay, claimed with SKIP LOCKED and fenced by its attempt number. */
export interface DeliveryStore {
  /** waiting deliveries for suspended clients' endpoints (see fanOutAll): the endpoints done (another dispatcher's are skipped) */
  fanOut(plans: readonly FanOutPlan[], now: string): Promise<Set<number>>;
  /** endpoints with deliveries due at `now`, and how many */
  due(now: string): Promise<Map<number, number>>;
  /** records successes, moves positions past settled first attempts and claims due deliveries, in one transaction (see settleAndClaim); `lost`: endpoints whose lease another dispatcher took */
  settle(work: SettleWork, now: string, leaseUntil: string): Promise<{ claimed: Map<number, ClaimedDelivery[]>; lost: Set<number> }>;
  /** takes or keeps endpoints' new events for `owner` (see leaseEndpoints): their positions */
  lease(endpointIds: readonly number[], owner: string, now: string, leaseUntil: string): Promise<Map<number, number>>;
  /** writes a failed attempt's outcome unless the delivery was claimed or replayed again since; false then */
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
  return {
    fanOut: (plans, now) => fanOutAll(runner, plans, now),

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

    settle: (work, now, leaseUntil) => settleAndClaim(runner, work, now, leaseUntil),
    lease: (endpointIds, owner, now, leaseUntil) => leaseEndpoints(runner, endpointIds, owner, now, leaseUntil),

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
        // events above the endpoint's position are still on their way through the fan-out, which inserts their rows
        const position = await runner.exec(
          trx,
          'deliveries.replay.position',
          runner.syntax.forUpdate(trx.selectFrom('gw_webhook_endpoint').select('last_event_id').where('id', '=', endpointId)),
        );
        const upTo = Number(position.rows[0]?.last_event_id ?? 0);
        const reached = eventIds.filter((id) => id <= upTo);
        for (let i = 0; i < reached.length; i += 500) {
          const chunk = reached.slice(i, i + 500);
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
              .values(chunk.map((eventId) => newDelivery(eventId, endpointId, now))),
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
