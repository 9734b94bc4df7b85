import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export type AttemptOutcome = 'delivered' | 'failed' | 'gone' | 'dead';

/** The events' Prometheus series, on the registry main.ts owns (a dispatcher thread's counts reach it through createMetricBuffer). */
export interface EventMetrics {
  written(type: string, n: number): void;
  /** n: how many (a dispatcher thread reports in batches); default 1 */
  attempt(outcome: AttemptOutcome, endpointId: number, n?: number): void;
  /** commit (the event's timestamp) to the receiver's 2xx */
  latency(seconds: number): void;
  disabled(reason: 'gone' | 'failing', n?: number): void;
}

/**
 * `backlog` is read when /metrics is scraped (never on a timer); a database that does not answer
 * leaves the last value in place.
 */
export function createEventMetrics(registry: Registry, backlog: () => Promise<number>): EventMetrics {
  const registers = [registry];
  const written = new Counter({
    name: 'chartgate_events_written_total',
    help: 'Events committed to the outbox, by type (as this instance saw them)',
    labelNames: ['type'],
    registers,
  });
  const attempts = new Counter({
    name: 'chartgate_webhook_attempts_total',
    help: 'Webhook delivery attempts by outcome (delivered, failed and retried, gone = 410, dead = given up) and endpoint',
    labelNames: ['outcome', 'endpoint'],
    registers,
  });
  const latency = new Histogram({
    name: 'chartgate_webhook_delivery_latency_seconds',
    help: 'From the change being written to the receiver acknowledging it',
    registers,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600],
  });
  const disabled = new Counter({
    name: 'chartgate_webhook_endpoints_disabled_total',
    help: 'Endpoints disabled by the dispatcher (gone = the receiver answered 410, failing = every attempt failed for too long)',
    labelNames: ['reason'],
    registers,
  });
  let last = 0;
  new Gauge({
    name: 'chartgate_webhook_retry_backlog',
    help: 'Deliveries not yet delivered nor given up (pending or awaiting a retry)',
    registers,
    async collect() {
      last = await backlog().catch(() => last);
      this.set(last);
    },
  });
  return {
    written: (type, n) => written.inc({ type }, n),
    attempt: (outcome, endpointId, n = 1) => attempts.inc({ outcome, endpoint: String(endpointId) }, n),
    latency: (seconds) => latency.observe(Math.max(0, seconds)),
    disabled: (reason, n = 1) => disabled.inc({ reason }, n),
  };
}
