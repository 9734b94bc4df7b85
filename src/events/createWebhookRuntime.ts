import type { SecurityLogAppender } from '../audit/SecurityLog.js';
import type { Config } from '../config/Config.js';
import type { SqlRunner } from '../db/SqlRunner.js';
import type { Gateway } from '../gateway/createGateway.js';
import type { WebhookPolicy } from '../services/webhooks/WebhookPolicy.js';
import { createDispatcher, type Dispatcher, type DispatcherDeps } from './createDispatcher.js';
import type { EntityReader } from './createEntityReader.js';
import type { EventMetrics } from './createEventMetrics.js';
import { createUrlGuard } from './createUrlGuard.js';
import { createWebhookPolicy } from './createWebhookPolicy.js';
import { createWebhookSender, type WebhookSender } from './createWebhookSender.js';
import { createRetrySchedule } from './retrySchedule.js';

/** Webhooks for one process: the admin service's policy and the dispatcher, on this event loop or on a thread of its own (createDispatcherThread). */
export interface WebhookRuntime {
  readonly policy: WebhookPolicy;
  /** the dispatcher on this event loop (tests drive it with runOnce); null when it runs on a thread of its own */
  readonly dispatcher: Dispatcher | null;
  /** starts the dispatcher's timer (serve: unless WEBHOOKS_DISPATCHER_ENABLED=false; the worker: always) */
  start(): void;
  /** stops the dispatcher (in-flight attempts finish) and closes the sender's connections */
  stop(): Promise<void>;
}

/** The dispatcher on this event loop. */
export interface InlineWebhookRuntime extends WebhookRuntime {
  readonly dispatcher: Dispatcher;
}

export interface WebhookRuntimeDeps {
  config: Config['webhooks'];
  gateway: Pick<Gateway, 'events' | 'webhooks' | 'deliveries'>;
  /** the dispatcher's own statements (client 0, tagged chartgate-webhooks) */
  runner: SqlRunner;
  /** the keyed security log (an endpoint the dispatcher disables is logged there) */
  securityLog: SecurityLogAppender;
  /** where the dispatcher counts (createEventMetrics on the process's registry, or a thread's buffer) */
  metrics: EventMetrics;
  readEntity?: EntityReader;
  clock: () => Date;
  log?: DispatcherDeps['log'];
  /** replaces the undici sender (tests) */
  sender?: WebhookSender;
  /** replaces Math.random in the retry jitter (tests) */
  random?: () => number;
  /** 0 = no timer (tests call tick/runOnce); default WEBHOOKS_POLL_MS */
  pollMs?: number;
}

export function createWebhookRuntime(deps: WebhookRuntimeDeps): InlineWebhookRuntime {
  const c = deps.config;
  const guard = createUrlGuard({ allowPrivate: c.allowPrivate });
  const sender = deps.sender ?? createWebhookSender({ timeoutMs: c.timeoutMs, connectionsPerOrigin: c.maxInFlight, guard });
  const deliveries = deps.gateway.deliveries(deps.runner);
  const dispatcher = createDispatcher({
    events: deps.gateway.events(deps.runner),
    webhooks: deps.gateway.webhooks(deps.runner, deps.securityLog),
    deliveries,
    sender,
    schedule: createRetrySchedule(deps.random),
    metrics: deps.metrics,
    readEntity: deps.readEntity,
    clock: deps.clock,
    log: deps.log,
    options: {
      pollMs: deps.pollMs ?? c.pollMs,
      endpointConcurrency: c.endpointConcurrency,
      maxInFlight: c.maxInFlight,
      timeoutMs: c.timeoutMs,
      disableAfterS: c.disableAfterS,
      retentionDays: c.retentionDays,
    },
  });
  return {
    policy: createWebhookPolicy(c, guard),
    dispatcher,
    start: () => dispatcher.start(),
    async stop() {
      await dispatcher.stop();
      await sender.close();
    },
  };
}
