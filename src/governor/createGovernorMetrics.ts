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
  const redisUp = new Gauge({
    name: 'chartgate_redis_up',
    help: '1 while shared state (Redis) is reachable, 0 while the governor runs on per-instance state',
    registers,
  });
  return {
    requestStarted(client: string) {
      requests.inc({ client });
      inFlight.inc({ client });
    },
    requestFinished(client: string, seconds: number) {
      inFlight.dec({ client });
      latency.observe({ client }, seconds);
    },
    rejected: (client: string, code: string) => rejections.inc({ client, code }),
    cost(client: string, requested: number, actual: number, databaseMs: number) {
      cost.inc({ client, kind: 'requested' }, requested);
      cost.inc({ client, kind: 'actual' }, actual);
      dbMs.inc({ client }, databaseMs);
    },
    statement: (client: string, pool: string, seconds: number) => dbTime.observe({ client, pool }, seconds),
    admission(state: { limit: number; strain: number; byClass: Record<string, { inUse: number; queued: number }> }) {
      limit.set(state.limit);
      strain.set(state.strain);
      for (const [cls, s] of Object.entries(state.byClass)) {
        queued.set({ class: cls }, s.queued);
        slots.set({ class: cls }, s.inUse);
      }
    },
    shed: (cls: string, reason: string) => shed.inc({ class: cls, reason }),
    redis: (up: boolean) => redisUp.set(up ? 1 : 0),
  };
}

export type GovernorMetrics = ReturnType<typeof createGovernorMetrics>;
