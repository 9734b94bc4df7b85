import type { ClaimedDelivery, Success } from '../gateway/events/createDeliveryStore.js';
import type { DispatchEndpoint, StoredEvent } from '../gateway/events/types.js';
import { toSqlDateTime } from '../lib/dates.js';
import { attemptDelivery, leaseUntil, type AttemptDeps } from './attemptDelivery.js';
import { subscriberPrincipal } from './buildEventBody.js';
import { createCursorWindows } from './createCursorWindows.js';
import type { DeliveryLanes, LaneDeps } from './DeliveryLanes.js';

/** Bookkeeping (successes written, busy endpoints refilled) runs this long after the first need, in one transaction. */
const SETTLE_MS = 100;
/** A lane with room reads its endpoint's new events again this soon (not waiting for the next tick). */
const TOP_UP_MS = 100;
/** An endpoint's lane holds its attempts in flight and up to three rounds more claimed (leaseUntil allows for the wait). */
const LANE_DEPTH = 4;
/** First attempts need no row lease (the endpoint's lease is renewed as they settle): a lane reads up to this many rounds of them at once. */
const FRESH_DEPTH = 16;

/** One endpoint's attempts in flight and the claimed deliveries waiting for a slot. */
interface Lane {
  endpoint: DispatchEndpoint;
  inFlight: number;
  queue: { delivery: ClaimedDelivery; event: StoredEvent | undefined; object?: unknown }[];
  /** its last claim took all it asked for: there may be more due */
  more: boolean;
}

/**
 * The attempts of every endpoint: at most WEBHOOKS_ENDPOINT_CONCURRENCY per endpoint and
 * WEBHOOKS_MAX_IN_FLIGHT in all, so a slow receiver only ever holds its own slots, and no claim
 * waits longer than its lease allows. Successes, and claims for endpoints with more due, are
 * written in one transaction every SETTLE_MS rather than one per delivery; a busy endpoint thus
 * keeps its lane full between ticks.
 */
export function createDeliveryLanes(deps: LaneDeps): DeliveryLanes {
  const o = deps.options;
  const lanes = new Map<number, Lane>();
  const running = new Set<Promise<void>>();
  let successes: Success[] = [];
  let refills = new Set<number>();
  let settleTimer: { timer: NodeJS.Timeout; fire: () => void } | null = null;
  let topUpTimer: NodeJS.Timeout | null = null;
  let toppingUp = false;
  let settleChain: Promise<unknown> = Promise.resolve();
  let inFlight = 0;
  let held = 0;
  let launched = 0;
  let stopping = false;
  const windows = createCursorWindows();
  // endpoints disabled since the tick last listed the active ones: they take nothing more
  const closed = new Set<number>();

  const track = (work: Promise<unknown>, what: string) => {
    const p: Promise<void> = work
      .then(() => undefined)
      .catch((err) => deps.log?.warn({ err }, what))
      .finally(() => running.delete(p));
    running.add(p);
  };

  const laneOf = (endpoint: DispatchEndpoint): Lane => {
    const lane = lanes.get(endpoint.id) ?? { endpoint, inFlight: 0, queue: [], more: false };
    lane.endpoint = endpoint;
    lanes.set(endpoint.id, lane);
    return lane;
  };
  /** claims waiting for a disabled or deleted endpoint are let go: their leases end and they wait in the table */
  const drop = (endpointId: number) => {
    const lane = lanes.get(endpointId);
    if (!lane) return;
    windows.release(
      endpointId,
      lane.queue.filter((q) => q.delivery.fresh).map((q) => q.delivery.eventId),
    );
    held -= lane.queue.length;
    lane.queue = [];
    lane.more = false;
  };
  const freshRoomOf = (lane: Lane) =>
    stopping || closed.has(lane.endpoint.id)
      ? 0
      : Math.max(0, Math.min(FRESH_DEPTH * o.endpointConcurrency - lane.inFlight - lane.queue.length, FRESH_DEPTH * o.maxInFlight - held));
  const roomOf = (lane: Lane) =>
    stopping || closed.has(lane.endpoint.id)
      ? 0
      : Math.max(0, Math.min(LANE_DEPTH * o.endpointConcurrency - lane.inFlight - lane.queue.length, LANE_DEPTH * o.maxInFlight - held));

  const scheduleSettle = () => {
    if (settleTimer || stopping) return;
    const done = new Promise<void>((resolve) => {
      const fire = () => {
        if (!settleTimer) return;
        clearTimeout(settleTimer.timer);
        settleTimer = null;
        resolve(settle());
      };
      settleTimer = { timer: setTimeout(fire, SETTLE_MS), fire };
    });
    track(done, 'webhook bookkeeping failed; leases end and those deliveries are tried again');
  };

  // one read at a time; a lane that frees up meanwhile is served by the next
  const scheduleTopUp = () => {
    if (!deps.topUp || topUpTimer || toppingUp || stopping) return;
    const done = new Promise<void>((resolve) => {
      topUpTimer = setTimeout(() => {
        topUpTimer = null;
        if (stopping) return resolve();
        toppingUp = true;
        resolve(deps.topUp!().finally(() => (toppingUp = false)));
      }, TOP_UP_MS);
    });
    track(done, 'webhook read of new events failed; the next tick reads them');
  };

  const attemptDeps: AttemptDeps = {
    ...deps.attempt,
    onDisabled(endpointId, reason) {
      closed.add(endpointId);
      drop(endpointId);
      deps.attempt.onDisabled?.(endpointId, reason);
    },
    // the slot frees at once; the write joins the next settle
    record: {
      succeed(endpointId, claimed, status) {
        if (claimed.fresh) {
          const at = toSqlDateTime(deps.clock());
          windows.done(endpointId, { eventId: claimed.eventId, status: 'delivered', nextAttemptAt: at, lastStatus: status, lastError: null, deliveredAt: at });
        } else successes.push({ id: claimed.id, attempt: claimed.attempt, status });
        scheduleSettle();
      },
      async complete(endpointId, claimed, outcome) {
        if (!claimed.fresh) return deps.deliveries.complete(claimed.id, claimed.attempt, outcome);
        windows.done(endpointId, { eventId: claimed.eventId, ...outcome });
        scheduleSettle();
        return true;
      },
    },
  };

  const drain = (lane: Lane) => {
    while (lane.queue.length > 0 && lane.inFlight < o.endpointConcurrency && inFlight < o.maxInFlight && !stopping) {
      const { delivery, event, object } = lane.queue.shift()!;
      lane.inFlight++;
      inFlight++;
      launched++;
      track(
        attemptDelivery(attemptDeps, lane.endpoint, delivery, event, object).finally(() => {
          lane.inFlight--;
          inFlight--;
          held--;
          drain(lane);
          if (lane.more && roomOf(lane) >= o.endpointConcurrency) {
            refills.add(lane.endpoint.id);
            scheduleSettle();
          } else if (lane.queue.length < o.endpointConcurrency && freshRoomOf(lane) >= o.endpointConcurrency) scheduleTopUp();
        }),
        'webhook attempt not recorded; its lease ends and it is tried again',
      );
    }
  };

  const enqueue = (endpoint: DispatchEndpoint, claimed: readonly ClaimedDelivery[], events: ReadonlyMap<number, StoredEvent>) => {
    const lane = laneOf(endpoint);
    held += claimed.length;
    const found = claimed.map((delivery) => ({ delivery, event: events.get(delivery.eventId) }));
    if (!endpoint.fullPayload || !deps.readEntity) {
      lane.queue.push(...found);
      drain(lane);
      return;
    }
    // full payloads: the batch's entities in one read as the subscriber, before its attempts start
    const wanted = found.map((f) => f.event).filter((e): e is StoredEvent => e !== undefined);
    track(
      deps
        .readEntity(subscriberPrincipal(endpoint.client), wanted)
        .then((objects) => lane.queue.push(...found.map((f) => ({ ...f, object: f.event ? objects.get(f.event.id) : undefined }))))
        .catch((err) => {
          held -= found.length;
          throw err;
        })
        .finally(() => drain(lane)),
      'webhook full payloads not read; their leases end and they are tried again',
    );
  };

  const settleNow = async () => {
    const done = successes;
    const wanting = [...refills].map((id) => lanes.get(id)).filter((l): l is Lane => l !== undefined && l.endpoint.client.status === 'active');
    successes = [];
    refills = new Set();
    const claims = wanting.map((lane) => ({ endpointId: lane.endpoint.id, limit: roomOf(lane) })).filter((c) => c.limit > 0);
    const advances = windows.advances();
    if (done.length === 0 && claims.length === 0 && advances.length === 0) return;
    const now = deps.clock();
    const { claimed, lost } = await deps.deliveries.settle(
      { successes: done, cursors: { owner: deps.owner, advances }, claims },
      toSqlDateTime(now),
      leaseUntil(now, o.timeoutMs),
    );
    windows.committed(advances.filter((a) => !lost.has(a.endpointId)));
    // another dispatcher holds these now and attempts their events again: what waits here is let go
    for (const endpointId of lost) {
      windows.forget(endpointId);
      drop(endpointId);
    }
    const ids = [...claimed.values()].flatMap((list) => list.map((c) => c.eventId));
    const events = new Map((await deps.events.byIds(ids)).map((e) => [e.id, e]));
    for (const c of claims) {
      const lane = lanes.get(c.endpointId)!;
      const got = claimed.get(c.endpointId) ?? [];
      lane.more = got.length === c.limit;
      if (got.length > 0) enqueue(lane.endpoint, got, events);
    }
  };
  // one bookkeeping transaction at a time, so two never claim for the same lane at once
  const settle = (): Promise<void> => {
    const run = settleChain.then(() => settleNow());
    settleChain = run.catch(() => undefined);
    return run;
  };

  const settled = async () => {
    while (running.size > 0) await Promise.allSettled([...running]);
  };

  return {
    observe(endpoints) {
      const active = new Set(endpoints.map((e) => e.id));
      closed.clear();
      // their windows stay until what was settled is written (a deleted endpoint's bookkeeping then finds no lease and forgets it)
      for (const id of lanes.keys()) if (!active.has(id)) drop(id);
      for (const e of endpoints) laneOf(e);
    },
    room: (endpoint) => roomOf(laneOf(endpoint)),
    freshRoom: (endpoint) => freshRoomOf(laneOf(endpoint)),
    enqueue,
    want(endpointId) {
      refills.add(endpointId);
    },
    settle,
    windows,
    exclusive(fn) {
      const run = settleChain.then(fn);
      settleChain = run.catch(() => undefined);
      return run;
    },
    get inFlight() {
      return inFlight;
    },
    get launched() {
      return launched;
    },
    settled,
    async stop() {
      stopping = true;
      for (const id of lanes.keys()) drop(id);
      settleTimer?.fire();
      await settled();
      await settle().catch((err) => deps.log?.warn({ err }, 'webhook bookkeeping at stop failed'));
    },
  };
}
