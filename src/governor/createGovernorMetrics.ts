import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** The governor's Prometheus series, on the registry main.ts owns (never prom-client's global one). */
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
    help: 'Cost points by client, requested and actual',
    labelNames: ['client', 'kind'],
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
  const inFlight = new Gauge({ name: 'chartgate_in_flight', help: 'Requests in flight by client', labelNames: ['client'], registers });
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
    cost(client: string, requested: number, actual: number) {
      cost.inc({ client, kind: 'requested' }, requested);
      cost.inc({ client, kind: 'actual' }, actual);
    },
    statement: (client: string, pool: string, seconds: number) => dbTime.observe({ client, pool }, seconds),
  };
}
