import { randomUUID } from 'node:crypto';
import { systemPrincipal } from '../auth/Principal.js';
import { stampFor } from '../audit/Stamp.js';
import type { DeliveryStore } from '../gateway/events/createDeliveryStore.js';
import type { EventStore } from '../gateway/events/createEventStore.js';
import type { DispatchEndpoint } from '../gateway/events/types.js';
import type { WebhookStore } from '../gateway/events/createWebhookStore.js';
import { toSqlDateTime } from '../lib/dates.js';
import { leaseUntil } from './attemptDelivery.js';
import { createDeliveryLanes } from './createDeliveryLanes.js';
import type { EntityReader } from './createEntityReader.js';
import type { EventMetrics } from './createEventMetrics.js';
import type { WebhookSender } from './createWebhookSender.js';
import { fanOutEvents } from './fanOutEvents.js';
import { readNewEvents, type ReadNewDeps } from './readNewEvents.js';
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
  /** new events handed out: first attempts read from the outbox, and waiting deliveries created for suspended clients */
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

/**
 * The webhook dispatcher. Each tick leases the endpoints' new events (so several dispatchers
 * never attempt one at once, and a crashed one's come back when its lease ends), reads them from
 * the outbox as first attempts, recorded only once settled (createCursorWindows), and claims due
 * retries with SKIP LOCKED and a lease. The lanes (createDeliveryLanes) run the attempts, a few
 * per endpoint at a time, and read more between ticks when they have room.
 */
export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const { options: o } = deps;
  let ticking: Promise<TickSummary> | null = null;
  let seenMaxId: number | null = null;
  let lastPruneMs = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | null = null;
  let stopped = true;
  let failing = false;
  // this dispatcher's name on the endpoint leases
  const owner = randomUUID();
  // the endpoints whose new events this dispatcher held at its last tick (their lanes top up between ticks)
  let held: DispatchEndpoint[] = [];
  const lanes = createDeliveryLanes({
    deliveries: deps.deliveries,
    events: deps.events,
    readEntity: deps.readEntity,
    clock: deps.clock,
    log: deps.log,
    options: o,
    owner,
    topUp: async () => {
      await readNew(
        () => held.filter((e) => lanes.windows.holds(e.id)),
        () => deps.events.maxId(),
      );
    },
    attempt: {
      webhooks: deps.webhooks,
      sender: deps.sender,
      schedule: deps.schedule,
      metrics: deps.metrics,
      clock: deps.clock,
      disableAfterMs: o.disableAfterS * 1000,
      stamp: () => stampFor(systemPrincipal(), 'webhook-dispatcher', deps.clock),
      onDisabled: (endpointId, reason) => deps.log?.warn({ endpointId, reason }, 'webhook endpoint disabled'),
    },
  });

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

  const readDeps: ReadNewDeps = { events: deps.events, windows: lanes.windows, batch: 500, maxBatches: 10, room: lanes.freshRoom, start: lanes.enqueue };
  // one read of new events at a time (the tick's and a lane's top-up), so no event is read into a window twice
  let reads: Promise<unknown> = Promise.resolve();
  const readNew = (endpoints: () => readonly DispatchEndpoint[], maxId: () => Promise<number>): Promise<number> => {
    const run = reads.then(async () => readNewEvents(readDeps, endpoints(), await maxId()));
    reads = run.catch(() => undefined);
    return run;
  };

  const doTick = async (): Promise<TickSummary> => {
    const now = deps.clock();
    const nowSql = toSqlDateTime(now);
    const before = lanes.launched;
    const endpoints = await deps.webhooks.forDispatch(now.getTime());
    lanes.observe(endpoints);
    const maxId = await deps.events.maxId();
    await countWritten(maxId);
    let fannedOut = 0;
    if (endpoints.length > 0) {
      const lease = leaseUntil(now, o.timeoutMs);
      const positions = await lanes.exclusive(() =>
        deps.deliveries.lease(
          endpoints.map((e) => e.id),
          owner,
          nowSql,
          lease,
        ),
      );
      const reading: DispatchEndpoint[] = [];
      const waiting: DispatchEndpoint[] = [];
      for (const e of endpoints) {
        const position = positions.get(e.id);
        if (position === undefined) continue;
        if (e.client.status === 'active') {
          lanes.windows.open(e.id, position);
          reading.push(e);
        } else if (!lanes.windows.busy(e.id)) {
          // a suspended client's events become waiting deliveries, listed as pending until it is resumed
          lanes.windows.forget(e.id);
          waiting.push({ ...e, lastEventId: position });
        }
      }
      held = reading;
      const waitingRows = await fanOutEvents({ events: deps.events, deliveries: deps.deliveries, batch: 500, maxBatches: 10 }, waiting, maxId, nowSql);
      fannedOut =
        waitingRows +
        (await readNew(
          () => reading,
          async () => maxId,
        ));
      const active = new Map(endpoints.filter((e) => e.client.status === 'active').map((e) => [e.id, e]));
      // due retries, and what the fan-out could not claim yet; a suspended client's deliveries wait
      let wanted = false;
      for (const endpointId of (await deps.deliveries.due(nowSql)).keys()) {
        const endpoint = active.get(endpointId);
        if (endpoint && lanes.room(endpoint) > 0) {
          lanes.want(endpointId);
          wanted = true;
        }
      }
      if (wanted) await lanes.settle();
    }
    let pruned = 0;
    if (now.getTime() - lastPruneMs >= PRUNE_EVERY_MS) {
      lastPruneMs = now.getTime();
      pruned = await prune();
    }
    return { fannedOut, started: lanes.launched - before, pruned };
  };

  const tick = (): Promise<TickSummary> => {
    ticking ??= doTick().finally(() => {
      ticking = null;
    });
    return ticking;
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
      const before = lanes.launched;
      const summary = await tick();
      await lanes.settled();
      return { ...summary, started: lanes.launched - before };
    },
    settled: lanes.settled,
    get inFlight() {
      return lanes.inFlight;
    },
    prune,
    start() {
      if (!stopped || o.pollMs <= 0) return;
      stopped = false;
      timer = setTimeout(() => void loop(), 0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await ticking?.catch(() => undefined);
      await lanes.stop();
    },
  };
}
