import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** The governor's Prometheus series, on the registry the composition root owns (never prom-client's global one). */
export function createGovernorMetrics(registry: Registry) {
  const registers = [registry];
  const requests = new Counter({ name: 'chartgate_requests_total', help: 'GraphQL requests by client', labelNames: ['client'], registers });
  const rejections = new Counter({
    name: 'chartgate_rejections_total',
    help: 'Governor and access rejections by client and code',
    labelNames: ['client', 'code'],
    registers,
  });
  const cost = new Counter({
    name: 'chartgate_cost_points_total',
    help: 'Cost points by client: requested (static estimate) and actual (settled)',
    labelNames: ['client', 'kind'],
    registers,
  });
  const dbMs = new Counter({
    name: 'chartgate_db_time_ms_total',
    help: 'Statement time by client, ms (what actual cost settles on)',
    labelNames: ['client'],
    registers,
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
  const inFlight = new Gauge({ name: 'chartgate_in_flight', help: 'Requests in flight by client (this instance)', labelNames: ['client'], registers });
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
  // label children cached per client: prom-client hashes the label object on every call otherwise (hot: once per statement)
  type PerClient = {
    requests: Counter.Internal;
    inFlight: Gauge.Internal<string>;
    latency: Histogram.Internal<string>;
    requested: Counter.Internal;
    actual: Counter.Internal;
    dbMs: Counter.Internal;
    statement: Record<string, Histogram.Internal<string>>;
  };
  const children = new Map<string, PerClient>();
  const of = (client: string): PerClient => {
    let c = children.get(client);
    if (!c) {
      c = {
        requests: requests.labels({ client }),
        inFlight: inFlight.labels({ client }),
        latency: latency.labels({ client }),
        requested: cost.labels({ client, kind: 'requested' }),
        actual: cost.labels({ client, kind: 'actual' }),
        dbMs: dbMs.labels({ client }),
        statement: {},
      };
      children.set(client, c);
    }
    return c;
  };
  return {
    requestStarted(client: string) {
      const c = of(client);
      c.requests.inc();
      c.inFlight.inc();
    },
    requestFinished(client: string, seconds: number) {
      const c = of(client);
      c.inFlight.dec();
      c.latency.observe(seconds);
    },
    rejected: (client: string, code: string) => rejections.inc({ client, code }),
    cost(client: string, requested: number, actual: number, databaseMs: number) {
      const c = of(client);
      c.requested.inc(requested);
      c.actual.inc(actual);
      c.dbMs.inc(databaseMs);
    },
    statement(client: string, pool: string, seconds: number) {
      const c = of(client);
      (c.statement[pool] ??= dbTime.labels({ client, pool })).observe(seconds);
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
