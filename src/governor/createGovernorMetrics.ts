import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** A counter or gauge whose values are set from the tallies when /metrics is read. */
type CopiedInto = { reset(): void; inc(labels: Record<string, string>, value: number): void };

/** One client's per-request figures on this instance. */
interface Tally {
  requests: number;
  inFlight: number;
  requested: number;
  actual: number;
  dbMs: number;
  rejected: Map<string, Counter.Internal>;
  latency: Histogram.Internal<string>;
  statement: Record<string, Histogram.Internal<string>>;
}

/** The governor's Prometheus series, on the registry the composition root owns (never prom-client's global one). */
export function createGovernorMetrics(registry: Registry) {
  const registers = [registry];
  // the per-request counts are plain numbers per client, copied into their series when /metrics is read (prom-client's label lookups are the hot path's dearest part)
  const tallies = new Map<string, Tally>();
  const copy = (metric: CopiedInto, values: (t: Tally) => Record<string, number>, kindLabel?: 'kind') => {
    metric.reset();
    for (const [client, t] of tallies) for (const [kind, n] of Object.entries(values(t))) metric.inc(kindLabel ? { client, [kindLabel]: kind } : { client }, n);
  };
  new Counter({
    name: 'chartgate_requests_total',
    help: 'GraphQL requests by client',
    labelNames: ['client'],
    registers,
    collect() {
      copy(this, (t) => ({ n: t.requests }));
    },
  });
  const rejections = new Counter({
    name: 'chartgate_rejections_total',
    help: 'Governor and access rejections by client and code',
    labelNames: ['client', 'code'],
    registers,
  });
  new Counter({
    name: 'chartgate_cost_points_total',
    help: 'Cost points by client: requested (static estimate) and actual (settled)',
    labelNames: ['client', 'kind'],
    registers,
    collect() {
      copy(this, (t) => ({ requested: t.requested, actual: t.actual }), 'kind');
    },
  });
  new Counter({
    name: 'chartgate_db_time_ms_total',
    help: 'Statement time by client, ms (what actual cost settles on)',
    labelNames: ['client'],
    registers,
    collect() {
      copy(this, (t) => ({ n: t.dbMs }));
    },
  });
  const latency = new Histogram({
    name: 'chartgate_request_duration_seconds',
    help: 'Request latency by client',
    labelNames: ['client'],
    registers,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  const dbTime = new Histogram({
    name: 'chartgate_db_statement_seconds',
    help: 'Statement time by client and pool',
    labelNames: ['client', 'pool'],
    registers,
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
  });
  new Gauge({
    name: 'chartgate_in_flight',
    help: 'Requests in flight by client (this instance)',
    labelNames: ['client'],
    registers,
    collect() {
      copy(this, (t) => ({ n: t.inFlight }));
    },
  });
  const limit = new Gauge({ name: 'chartgate_governor_concurrency_limit', help: 'Governed statements allowed at once (adaptive)', registers });
  const strain = new Gauge({ name: 'chartgate_governor_strain', help: "The database's strain, 0 (healthy) to 1 (saturated)", registers });
  const queued = new Gauge({ name: 'chartgate_governor_queued', help: 'Governed statements waiting for a slot, by class', labelNames: ['class'], registers });
  const slots = new Gauge({ name: 'chartgate_governor_slots_in_use', help: 'Governed statements running, by class', labelNames: ['class'], registers });
  const shed = new Counter({
    name: 'chartgate_governor_shed_total',
    help: 'Governed statements refused before reaching the database, by class and reason',
    labelNames: ['class', 'reason'],
    registers,
  });
  const held = new Counter({
    name: 'chartgate_governor_held_total',
    help: 'Requests that came back before their Retry-After and were held until it (the penalty box), by client',
    labelNames: ['client'],
    registers,
  });
  const redisUp = new Gauge({
    name: 'chartgate_redis_up',
    help: '1 while shared state (Redis) is reachable, 0 while the governor runs on per-instance state',
    registers,
  });
  const of = (client: string): Tally => {
    let t = tallies.get(client);
    if (!t) {
      // histogram children cached per client: prom-client hashes the label object on every call otherwise
      t = { requests: 0, inFlight: 0, requested: 0, actual: 0, dbMs: 0, rejected: new Map(), latency: latency.labels({ client }), statement: {} };
      tallies.set(client, t);
    }
    return t;
  };
  return {
    requestStarted(client: string) {
      const t = of(client);
      t.requests++;
      t.inFlight++;
    },
    requestFinished(client: string, seconds: number) {
      const t = of(client);
      t.inFlight--;
      t.latency.observe(seconds);
    },
    rejected(client: string, code: string) {
      const byCode = of(client).rejected;
      let child = byCode.get(code);
      if (!child) byCode.set(code, (child = rejections.labels({ client, code })));
      child.inc();
    },
    cost(client: string, requested: number, actual: number, databaseMs: number) {
      const t = of(client);
      t.requested += requested;
      t.actual += actual;
      t.dbMs += databaseMs;
    },
    statement(client: string, pool: string, seconds: number) {
      const t = of(client);
      (t.statement[pool] ??= dbTime.labels({ client, pool })).observe(seconds);
    },
    admission(state: { limit: number; strain: number; byClass: Record<string, { inUse: number; queued: number }> }) {
      limit.set(state.limit);
      strain.set(state.strain);
      for (const [cls, s] of Object.entries(state.byClass)) {
        queued.set({ class: cls }, s.queued);
        slots.set({ class: cls }, s.inUse);
      }
    },
    shed: (cls: string, reason: string) => shed.inc({ class: cls, reason }),
    held: (client: string) => held.inc({ client }),
    redis: (up: boolean) => redisUp.set(up ? 1 : 0),
  };
}

export type GovernorMetrics = ReturnType<typeof createGovernorMetrics>;
