import { randomUUID } from 'node:crypto';
import { captureStatements, groupStages, type CapturedStatement } from '../lib/captureStatements.js';
import { interleave } from '../lib/interleave.js';
import { loadArm } from '../lib/loadArm.js';
import { expectData, gqlBody, postGraphql } from '../lib/postGraphql.js';
import { startPlainServer } from '../lib/startPlainServer.js';
import { failures, pairedRatio, round } from '../lib/stats.js';
import { floorVariables, LOOKUP, REPORT_PAGE, SCHEDULE_PAGE } from './documents.js';
import type { Scenario } from './Scenario.js';

const TARGETS = { lookup: 0.5, schedule: 0.4, report: 0.3 } as const;
type Query = keyof typeof TARGETS;

/**
 * Floor ratio: chartgate (GraphQL, auth, governor in measure mode) against a plain Fastify
 * handler replaying exactly the SQL the resolvers emitted, on the same reporting pool.
 */
export const floorRatio: Scenario = {
  name: 'floor',
  title: 'Floor ratio: GraphQL versus the same SQL behind a plain handler',
  async run(ctx, out) {
    const vars = floorVariables(ctx.facts);
    const bodies: Record<Query, string> = {
      lookup: gqlBody(LOOKUP, vars.lookup),
      schedule: gqlBody(SCHEDULE_PAGE, vars.schedule),
      report: gqlBody(REPORT_PAGE, vars.report),
    };
    const headers = ctx.clients.frontDesk.headers;
    // a 500-row page with children is over the default cost ceiling (5000): raise it, keep every other guard on
    const server = await ctx.startServer({ env: { GOVERNOR_MAX_COST: '10000000' } });
    try {
      const routes: Record<string, CapturedStatement[][]> = {};
      for (const q of Object.keys(bodies) as Query[]) {
        ctx.progress.step(`floor: capturing the SQL of ${q}`);
        await postGraphql(server.url, bodies[q], headers).then((r) => expectData(q, r)); // warm caches first
        const requestId = `bench-floor-${q}-${randomUUID().slice(0, 8)}`;
        const statements = await captureStatements(ctx.admin, requestId, async () => {
          expectData(q, await postGraphql(server.url, bodies[q], { ...headers, 'x-request-id': requestId }));
        });
        if (statements.length === 0) throw new Error(`floor: no statements of ${q} in the general log (is the SqlRunner tag "r=<requestId> " present?)`);
        routes[q] = groupStages(statements);
        out.raw[`${q}.statements`] = statements;
        out.raw[`${q}.stages`] = routes[q].map((s) => s.length);
      }
      const plain = await startPlainServer(ctx.db, routes);
      try {
        const rps: Record<string, (number | null)[]> = { graphql: [], plain: [] };
        const ratios: Record<string, (number | null)[]> = { rps: [], p50: [], p99: [] };
        for (const q of Object.keys(bodies) as Query[]) {
          const result = await interleave(
            [
              loadArm(ctx.drivers[0], 'graphql', server.url, headers, { kind: 'fixed', body: bodies[q] }, ctx.options.connections),
              loadArm(ctx.drivers[0], 'plain', plain.urlOf(q), {}, { kind: 'fixed', body: '{}' }, ctx.options.connections),
            ],
            { ...ctx.options, label: `floor ${q}`, progress: ctx.progress },
          );
          const g = result.combined.graphql;
          const p = result.combined.plain;
          const bad = failures(g);
          const seg = result.segments;
          const rpsPaired = pairedRatio(seg.graphql, seg.plain, (s) => s.rps);
          const rpsRatio = rpsPaired.median;
          const p50Ratio = pairedRatio(seg.plain, seg.graphql, (s) => s.p50).median;
          const p99Ratio = pairedRatio(seg.plain, seg.graphql, (s) => s.p99).median;
          out.figures.push(
            {
              key: `floor.${q}.rpsRatio`,
              label: `${q}: rps ratio (graphql / plain)`,
              value: round(rpsRatio),
              unit: 'ratio',
              target: { op: '>=', value: TARGETS[q] },
              note: `median of ${seg.graphql.length} back-to-back rounds (${round(rpsPaired.min, 2)} .. ${round(rpsPaired.max, 2)}); ${g.rps.toFixed(0)} vs ${p.rps.toFixed(0)} rps overall; ${routes[q].flat().length} statements in ${routes[q].length} stages${bad ? `; ${bad} graphql errors` : ''}`,
            },
            {
              key: `floor.${q}.p50Ratio`,
              label: `${q}: p50 ratio (plain / graphql)`,
              value: round(p50Ratio),
              unit: 'ratio',
              note: `${g.p50.toFixed(1)} vs ${p.p50.toFixed(1)} ms`,
            },
            {
              key: `floor.${q}.p99Ratio`,
              label: `${q}: p99 ratio (plain / graphql)`,
              value: round(p99Ratio),
              unit: 'ratio',
              note: `${g.p99.toFixed(1)} vs ${p.p99.toFixed(1)} ms`,
            },
            { key: `floor.${q}.graphqlRps`, label: `${q}: graphql rps`, value: round(g.rps, 1), unit: 'req/s' },
            { key: `floor.${q}.plainRps`, label: `${q}: plain rps`, value: round(p.rps, 1), unit: 'req/s' },
          );
          rps.graphql.push(round(g.rps, 1));
          rps.plain.push(round(p.rps, 1));
          ratios.rps.push(round(rpsRatio));
          ratios.p50.push(round(p50Ratio));
          ratios.p99.push(round(p99Ratio));
          out.raw[`${q}.segments`] = result.segments;
        }
        const categories = Object.keys(bodies);
        out.charts.push(
          {
            title: 'Floor ratio (1 = as fast as the plain handler)',
            unit: 'ratio',
            categories,
            series: [
              { name: 'rps', values: ratios.rps },
              { name: 'p50', values: ratios.p50 },
              { name: 'p99', values: ratios.p99 },
            ],
          },
          {
            title: 'Throughput',
            unit: 'req/s',
            categories,
            series: [
              { name: 'graphql', values: rps.graphql },
              { name: 'plain', values: rps.plain },
            ],
          },
        );
      } finally {
        await plain.close();
      }
    } finally {
      await server.close();
    }
  },
};
