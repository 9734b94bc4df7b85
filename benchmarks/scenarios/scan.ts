import type { BodySpec } from '../driver/BodySpec.js';
import { drainClient } from '../lib/countStatements.js';
import { expectData, postGraphql } from '../lib/postGraphql.js';
import { readMetric } from '../lib/readMetric.js';
import { ratio, round } from '../lib/stats.js';
import type { Scenario } from './Scenario.js';

const SCAN = '{ procedures(status: [DELETED], first: 500) { nodes { id } } }';
const TRIVIAL = '{ clinics { id name } }';
const PROBE_RATE = 20;

/**
 * The cheap-looking scan: one client loops a query that scans procedurelog and returns nothing
 * (cheap by objects, dear for the database); another client's trivial query is measured open
 * loop alone and beside it. The scanner must be throttled by the database time it spends.
 */
export const scan: Scenario = {
  name: 'scan',
  title: 'A cheap-looking scan: the scanner is throttled, its neighbour is not slowed',
  async run(ctx, out) {
    const server = await ctx.startServer({ governor: 'on' });
    const probe = () =>
      ctx.drivers[1].run({
        type: 'openLoop',
        url: server.url,
        headers: ctx.clients.neighbour.headers,
        body: { kind: 'fixed', body: JSON.stringify({ query: TRIVIAL }) } satisfies BodySpec,
        ratePerS: PROBE_RATE,
        durationS: ctx.options.phaseS,
        timeoutMs: 10_000,
      });
    try {
      const once = await postGraphql(server.url, JSON.stringify({ query: SCAN }), ctx.clients.scanner.headers);
      expectData('scan check', once);
      const cost = (once.json as { extensions?: { cost?: Record<string, number> } }).extensions?.cost;
      out.raw.oneScan = cost;
      ctx.progress.step('scan: the neighbour alone');
      await probe(); // warm-up
      const alone = await probe();
      ctx.progress.step('scan: the neighbour beside the looping scanner');
      const scanning = ctx.drivers[0].run({
        type: 'autocannon',
        url: server.url,
        headers: ctx.clients.scanner.headers,
        body: { kind: 'fixed', body: JSON.stringify({ query: SCAN }) },
        connections: 8,
        durationS: ctx.options.phaseS + 1.5,
        timeoutS: 30,
      });
      await new Promise((r) => setTimeout(r, 1000));
      const beside = await probe();
      const scanner = await scanning;
      await drainClient(ctx.admin, ctx.clients.scanner.id);
      out.raw.alone = alone;
      out.raw.beside = beside;
      out.raw.scanner = scanner;
      const client = String(ctx.clients.scanner.id);
      const refused = scanner.statusCodes['429'] ?? 0;
      // a scanner back before its Retry-After is held until it (the penalty box): throttled too, though answered 200
      const held = (await readMetric(server.metricsUrl, 'chartgate_governor_held_total', { client })) ?? 0;
      const dbMs = await readMetric(server.metricsUrl, 'chartgate_db_time_ms_total', { client });
      out.raw.scannerMetrics = { refused, held, dbMs };
      out.figures.push(
        {
          key: 'scan.oneScan',
          label: 'one scan: actual cost (objects vs database time)',
          value: cost ? cost.actualQueryCost : null,
          unit: 'points',
          note: cost ? `requested ${cost.requestedQueryCost}, objects ${cost.objectCost}, database ${cost.databaseMs} ms` : 'no extensions.cost',
        },
        {
          key: 'scan.victimMedianRatio',
          label: "neighbour's median beside the looping scan / alone",
          value: round(ratio(beside.p50, alone.p50), 2),
          unit: 'x',
          target: { op: '<=', value: 2 },
          note: `alone ${alone.p50.toFixed(1)} ms, beside ${beside.p50.toFixed(1)} ms (p99 ${alone.p99.toFixed(1)} / ${beside.p99.toFixed(1)} ms); ${beside.failed} neighbour errors`,
        },
        {
          key: 'scan.scannerThrottledShare',
          label: "share of the scanner's requests throttled (refused, or held to their Retry-After)",
          value: round(scanner.requests ? (refused + held) / scanner.requests : null, 2),
          unit: '',
          target: { op: '>=', value: 0.5 },
          note: `${scanner.requests} requests: ${refused} answered 429 THROTTLED, ${held} held; ${scanner.rps.toFixed(1)} req/s`,
        },
        {
          key: 'scan.scannerDbMsPerS',
          label: "the scanner's database time per second",
          value: dbMs === null || !scanner.durationS ? null : round(dbMs / scanner.durationS, 0),
          unit: 'ms/s',
          note: 'settled on database time, its budget restores 100 ms/s at the defaults (500 points/s, 5 points per ms); the first seconds spend its 10,000-point bucket',
        },
      );
      out.charts.push({
        title: "The neighbour's trivial query beside the looping scan",
        unit: 'ms',
        categories: ['alone', 'beside the scan'],
        series: [
          { name: 'p50', values: [round(alone.p50, 1), round(beside.p50, 1)] },
          { name: 'p99', values: [round(alone.p99, 1), round(beside.p99, 1)] },
        ],
      });
    } finally {
      await server.close();
    }
  },
};
