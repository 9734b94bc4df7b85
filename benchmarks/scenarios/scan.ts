import type { BodySpec } from '../driver/BodySpec.js';
import { drainClient } from '../lib/countStatements.js';
import { expectData, postGraphql } from '../lib/postGraphql.js';
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
      const throttled = scanner.statusCodes['429'] ?? 0;
      out.figures.push(
        {
          key: 'scan.oneScan',
          label: 'one scan: objects vs database time',
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
          label: "share of the scanner's requests refused (THROTTLED)",
          value: round(scanner.requests ? throttled / scanner.requests : null, 2),
          unit: '',
          target: { op: '>=', value: 0.5 },
          note: `${scanner.requests} requests, ${throttled} answered 429, ${scanner.statusCodes['200'] ?? 0} served`,
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
