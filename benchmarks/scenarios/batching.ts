import { randomUUID } from 'node:crypto';
import { captureStatements } from '../lib/captureStatements.js';
import { interleave } from '../lib/interleave.js';
import { loadArm } from '../lib/loadArm.js';
import { expectData, gqlBody, postGraphql } from '../lib/postGraphql.js';
import { okRps, round } from '../lib/stats.js';
import { addDaysIso, batchingDocument, iso } from './documents.js';
import type { Scenario } from './Scenario.js';

const SIZES = [10, 100] as const;

/**
 * Batching: a list of 10 and of 100 appointments with patient, provider, operatory and
 * procedures, through the real DataLoaders versus the same resolvers with every loader capped
 * at one key per batch (one statement per row). Statements per request come from the general
 * log (by request id); throughput from interleaved load.
 */
export const batching: Scenario = {
  name: 'batching',
  title: 'Batching: DataLoaders versus one query per row',
  async run(ctx, out) {
    const from = iso(ctx.facts.firstAppointment);
    const to = addDaysIso(iso(ctx.facts.lastAppointment), 1);
    const headers = ctx.clients.frontDesk.headers;
    // own pools with an unbounded reporting queue: at 100 rows the per-row arm fires ~300 statements
    // at once and would otherwise measure the overload guard (OVERLOADED), not the statements
    const pools = { env: { DB_REPORTING_QUEUE: '100000', GOVERNOR_MAX_COST: '10000000' }, ownDb: true };
    const batched = await ctx.startServer(pools);
    const perRow = await ctx.startServer({ ...pools, perRowLoaders: true });
    // few connections: the comparison is statements per request, not how fast a queue fills
    const connections = Math.min(ctx.options.connections, 4);
    try {
      const statements: Record<string, Record<number, number>> = { batched: {}, perRow: {} };
      const rps: Record<string, (number | null)[]> = { batched: [], perRow: [] };
      for (const size of SIZES) {
        const body = gqlBody(batchingDocument(size), { from, to });
        for (const [arm, server] of [
          ['batched', batched],
          ['perRow', perRow],
        ] as const) {
          ctx.progress.step(`batching: counting statements, ${arm} ${size}`);
          if (arm === 'batched') expectData(`batching ${arm} ${size}`, await postGraphql(server.url, body, headers));
          const requestId = `bench-batch-${arm}-${size}-${randomUUID().slice(0, 8)}`;
          let failure: string | undefined;
          const captured = await captureStatements(ctx.admin, requestId, async () => {
            const r = await postGraphql(server.url, body, { ...headers, 'x-request-id': requestId });
            // the per-row arm may overflow the reporting pool's queue (OVERLOADED): that is its result, not a bench failure
            if (arm === 'batched') expectData(`batching ${arm} ${size}`, r);
            else if (r.json.errors?.length) failure = String(r.json.errors[0].extensions?.code ?? r.json.errors[0].message);
          });
          statements[arm][size] = captured.length;
          out.figures.push({
            key: `batching.${arm}.${size}.statements`,
            label: `${arm === 'batched' ? 'batched loaders' : 'one query per row'}, ${size} rows: statements per request`,
            value: captured.length,
            unit: '',
            ...(failure ? { note: `the request failed with ${failure} after these statements` } : {}),
          });
        }
        const result = await interleave(
          [
            loadArm(ctx.drivers[0], 'batched', batched.url, headers, { kind: 'fixed', body }, connections),
            loadArm(ctx.drivers[0], 'perRow', perRow.url, headers, { kind: 'fixed', body }, connections),
          ],
          { ...ctx.options, label: `batching ${size}`, progress: ctx.progress },
        );
        for (const arm of ['batched', 'perRow'] as const) {
          const s = result.combined[arm];
          const ok = okRps(s);
          rps[arm].push(round(ok, 1));
          const failed = s.requests - Math.round(ok * s.durationS);
          out.figures.push({
            key: `batching.${arm}.${size}.rps`,
            label: `${arm === 'batched' ? 'batched loaders' : 'one query per row'}, ${size} rows: successful throughput`,
            value: round(ok, 1),
            unit: 'req/s',
            note: `p50 ${s.p50.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms${failed ? `; ${failed} of ${s.requests} failed ${JSON.stringify(s.errorCodes)}` : ''}`,
          });
        }
        out.raw[`${size}.segments`] = result.segments;
      }
      const b10 = statements.batched[10];
      const b100 = statements.batched[100];
      out.figures.push({
        key: 'batching.batched.statementGrowth',
        label: 'batched: extra statements at 100 rows over 10 rows',
        value: b10 == null || b100 == null ? null : b100 - b10,
        unit: '',
        target: { op: '==', value: 0 },
        note: `${b10} at 10 rows, ${b100} at 100 rows; per row: ${statements.perRow[10]} and ${statements.perRow[100]}`,
      });
      out.charts.push(
        {
          title: 'Statements per request',
          unit: 'statements',
          categories: SIZES.map((s) => `${s} rows`),
          series: [
            { name: 'batched', values: SIZES.map((s) => statements.batched[s] ?? null) },
            { name: 'one query per row', values: SIZES.map((s) => statements.perRow[s] ?? null) },
          ],
        },
        {
          title: 'Throughput',
          unit: 'req/s',
          categories: SIZES.map((s) => `${s} rows`),
          series: [
            { name: 'batched', values: rps.batched },
            { name: 'one query per row', values: rps.perRow },
          ],
        },
      );
    } finally {
      await batched.close();
      await perRow.close();
    }
  },
};
