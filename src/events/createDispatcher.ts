import { systemPrincipal } from '../auth/Principal.js';
import { stampFor } from '../audit/Stamp.js';
import type { ClaimedDelivery, DeliveryStore, Success } from '../gateway/events/createDeliveryStore.js';
import type { EventStore } from '../gateway/events/createEventStore.js';
import type { WebhookStore } from '../gateway/events/createWebhookStore.js';
import type { DispatchEndpoint, StoredEvent } from '../gateway/events/types.js';
import { toSqlDateTime } from '../lib/dates.js';
import { attemptDelivery, leaseUntil } from './attemptDelivery.js';
import { subscriberPrincipal } from './buildEventBody.js';
import type { EntityReader } from './createEntityReader.js';
import type { EventMetrics } from './createEventMetrics.js';
import type { WebhookSender } from './createWebhookSender.js';
import { fanOutEvents } from './fanOutEvents.js';
import type { RetrySchedule } from './retrySchedule.js';

export interface DispatcherOptions {
  /** WEBHOOKS_POLL_MS: how often the timer ticks (0 = no timer: tests call tick/runOnce) */
  pollMs: number;
  /** WEBHOOKS_ENDPOINT_CONCURRENCY: attempts in flight per endpoint, per dispatcher */
  endpointConcurrency: number;
  /** WEBHOOKS_MAX_IN_FLIGHT: attempts in flight in all, per dispatcher */
  maxInFlight: number;
  /** WEBHOOKS_TIMEOUT_MS: one attempt's timeout (the claim's lease is derived from it) */
  timeoutMs: number;
  /** WEBHOOKS_DISABLE_AFTER_S */
  disableAfterS: number;
  /** EVENTS_RETENTION_DAYS */
  retentionDays: number;
}

export interface DispatcherDeps {
  events: EventStore;
  webhooks: WebhookStore;
  deliveries: DeliveryStore;
  sender: WebhookSender;
  schedule: RetrySchedule;
  metrics: EventMetrics;
  readEntity?: EntityReader;
  clock: () => Date;
  options: DispatcherOptions;
  log?: { info(obj: unknown, msg?: string): void; warn(obj: unknown, msg?: string): void };
}

export interface TickSummary {
  /** deliveries created from new events */
  fannedOut: number;
  /** attempts started */
  started: number;
  /** old events pruned */
  pruned: number;
}

export interface Dispatcher {
  /** one pass: fan new events out, claim due deliveries and start their attempts (not waiting for them) */
  tick(): Promise<TickSummary>;
  /** a tick, then every attempt it led to finished and was recorded (a busy endpoint keeps claiming between ticks): what tests drive */
  runOnce(): Promise<TickSummary>;
  /** resolves when no attempt is in flight */
  settled(): Promise<void>;
  readonly inFlight: number;
  /** deletes settled events older than the retention now; how many */
  prune(): Promise<number>;
  start(): void;
  /** stops the timer and waits for the tick and attempts in flight (each bounded by its timeout) */
  stop(): Promise<void>;
}

const PRUNE_EVERY_MS = 3_600_000;
const PRUNE_BATCH = 1000;
const PRUNE_BATCHES = 20;
/** Bookkeeping (successes written, busy endpoints refilled) runs this long after the first need, in one transaction. */
const SETTLE_MS = 100;
/** An endpoint's lane holds its attempts in flight and up to three rounds more claimed (leaseUntil allows for the wait). */
const LANE_DEPTH = 4;

/** One endpoint's attempts in flight and the claimed deliveries waiting for a slot. */
interface Lane {
  endpoint: DispatchEndpoint;
  inFlight: number;
  queue: { delivery: ClaimedDelivery; event: StoredEvent | undefined; object?: unknown }[];
  /** its last claim took all it asked for: there may be more due */
  more: boolean;
}

/**
 * The webhook dispatcher. Each tick fans new outbox events out into deliveries (claiming the
 * first of them at once) and claims due retries; claims use SKIP LOCKED and a lease, so several
 * dispatchers never attempt one delivery at once and a crashed one's claims come back when their
 * lease ends. Each endpoint runs at most WEBHOOKS_ENDPOINT_CONCURRENCY attempts and holds at most
 * three rounds more claimed, so a slow receiver only ever holds its own slots and no claim
 * outlives its lease waiting. Successes, and refills of busy endpoints, are written in one transaction
 * every SETTLE_MS rather than one per delivery.
 */
export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const { options: o } = deps;
  const lanes = new Map<number, Lane>();
  const running = new Set<Promise<void>>();
  let successes: Success[] = [];
  let refills = new Set<number>();
  let settleTimer: { timer: NodeJS.Timeout; fire: () => void } | null = null;
  let settleChain: Promise<unknown> = Promise.resolve();
  let inFlight = 0;
  let held = 0;
  let launched = 0;
  let ticking: Promise<TickSummary> | null = null;
  let seenMaxId: number | null = null;
  let lastPruneMs = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | null = null;
  let stopped = true;
  let stopping = false;
  let failing = false;
  const stamp = () => stampFor(systemPrincipal(), 'webhook-dispatcher', deps.clock);

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
  /** what a lane may still claim: its slots plus three times as many waiting (the lease allows for it), within the dispatcher's own cap */
  const room = (lane: Lane) =>
    stopping ? 0 : Math.max(0, Math.min(LANE_DEPTH * o.endpointConcurrency - lane.inFlight - lane.queue.length, LANE_DEPTH * o.maxInFlight - held));

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

  const attemptDeps = {
    webhooks: deps.webhooks,
    deliveries: deps.deliveries,
    succeed: async (id: number, attempt: number, status: number) => {
      successes.push({ id, attempt, status });
      scheduleSettle();
    },
    sender: deps.sender,
    schedule: deps.schedule,
    metrics: deps.metrics,
    clock: deps.clock,
    disableAfterMs: o.disableAfterS * 1000,
    stamp,
    onDisabled: (endpointId: number, reason: string) => deps.log?.warn({ endpointId, reason }, 'webhook endpoint disabled'),
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
          if (lane.more && room(lane) >= o.endpointConcurrency) {
            refills.add(lane.endpoint.id);
            scheduleSettle();
          }
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
    const read = deps.readEntity;
    const wanted = found.map((f) => f.event).filter((e): e is StoredEvent => e !== undefined);
    track(
      read(subscriberPrincipal(endpoint.client), wanted)
        .then((objects) => lane.queue.push(...found.map((f) => ({ ...f, object: f.event ? objects.get(f.event.id) : undefined }))))
        .catch((err) => {
          held -= found.length;
          throw err;
        })
        .finally(() => drain(lane)),
      'webhook full payloads not read; their leases end and they are tried again',
    );
  };

  /** writes the successes so far and claims for the lanes that want more, in one transaction (one at a time) */
  const settle = (): Promise<void> => {
    const run = settleChain.then(() => settleNow());
    settleChain = run.catch(() => undefined);
    return run;
  };
  const settleNow = async () => {
    const done = successes;
    const wanting = [...refills].map((id) => lanes.get(id)).filter((l): l is Lane => l !== undefined && l.endpoint.client.status === 'active');
    successes = [];
    refills = new Set();
    const claims = wanting.map((lane) => ({ endpointId: lane.endpoint.id, limit: room(lane) })).filter((c) => c.limit > 0);
    if (done.length === 0 && claims.length === 0) return;
    const now = deps.clock();
    const claimed = await deps.deliveries.settle(done, claims, toSqlDateTime(now), leaseUntil(now, o.timeoutMs));
    const ids = [...claimed.values()].flatMap((list) => list.map((c) => c.eventId));
    const events = new Map((await deps.events.byIds(ids)).map((e) => [e.id, e]));
    for (const c of claims) {
      const lane = lanes.get(c.endpointId)!;
      const got = claimed.get(c.endpointId) ?? [];
      lane.more = got.length === c.limit;
      if (got.length > 0) enqueue(lane.endpoint, got, events);
    }
  };

  const countWritten = async (maxId: number) => {
    if (seenMaxId !== null && maxId > seenMaxId) {
      for (const [type, n] of await deps.events.countByType(seenMaxId, maxId)) deps.metrics.written(type, n);
    }
    seenMaxId = Math.max(seenMaxId ?? 0, maxId);
  };

  const prune = async () => {
    const cutoff = toSqlDateTime(new Date(deps.clock().getTime() - o.retentionDays * 86_400_000));
    let pruned = 0;
    for (let i = 0; i < PRUNE_BATCHES; i++) {
      const n = await deps.events.prune(cutoff, PRUNE_BATCH);
      pruned += n;
      if (n < PRUNE_BATCH) break;
    }
    return pruned;
  };

  const doTick = async (): Promise<TickSummary> => {
    const now = deps.clock();
    const nowSql = toSqlDateTime(now);
    const before = launched;
    const endpoints = await deps.webhooks.forDispatch(now.getTime());
    for (const e of endpoints) laneOf(e);
    const maxId = await deps.events.maxId();
    await countWritten(maxId);
    const fannedOut =
      endpoints.length > 0
        ? await fanOutEvents(
            {
              events: deps.events,
              deliveries: deps.deliveries,
              batch: 500,
              maxBatches: 10,
              claimLimit: (endpoint) => room(laneOf(endpoint)),
              leaseUntil: leaseUntil(now, o.timeoutMs),
              start: enqueue,
            },
            endpoints,
            maxId,
            nowSql,
          )
        : 0;
    if (endpoints.length > 0) {
      const active = new Map(endpoints.filter((e) => e.client.status === 'active').map((e) => [e.id, e]));
      // due retries, and what the fan-out could not claim yet; a suspended client's deliveries wait
      for (const endpointId of (await deps.deliveries.due(nowSql)).keys()) {
        const endpoint = active.get(endpointId);
        if (endpoint && room(laneOf(endpoint)) > 0) refills.add(endpointId);
      }
      if (refills.size > 0) await settle();
    }
    let pruned = 0;
    if (now.getTime() - lastPruneMs >= PRUNE_EVERY_MS) {
      lastPruneMs = now.getTime();
      pruned = await prune();
    }
    return { fannedOut, started: launched - before, pruned };
  };

  const tick = (): Promise<TickSummary> => {
    ticking ??= doTick().finally(() => {
      ticking = null;
    });
    return ticking;
  };

  const settled = async () => {
    while (running.size > 0) await Promise.allSettled([...running]);
  };

  const loop = async () => {
    try {
      await tick();
      if (failing) deps.log?.info({}, 'webhook dispatcher: the database answers again, delivery resumed');
      failing = false;
    } catch (err) {
      // a database outage pauses delivery; the next tick tries again (logged once per outage)
      if (!failing) deps.log?.warn({ err }, 'webhook dispatcher paused: the tick failed; retrying every poll');
      failing = true;
    } finally {
      if (!stopped) timer = setTimeout(() => void loop(), o.pollMs);
    }
  };

  return {
    tick,
    async runOnce() {
      const before = launched;
      const summary = await tick();
      await settled();
      return { ...summary, started: launched - before };
    },
    settled,
    get inFlight() {
      return inFlight;
    },
    prune,
    start() {
      if (!stopped || o.pollMs <= 0) return;
      stopped = false;
      stopping = false;
      timer = setTimeout(() => void loop(), 0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await ticking?.catch(() => undefined);
      // attempts in flight finish and are recorded; claims still waiting in a queue come back when their lease ends
      stopping = true;
      for (const lane of lanes.values()) {
        held -= lane.queue.length;
        lane.queue = [];
      }
      settleTimer?.fire();
      await settled();
      await settle().catch((err) => deps.log?.warn({ err }, 'webhook bookkeeping at stop failed'));
    },
  };
}
