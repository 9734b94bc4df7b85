import { randomUUID } from 'node:crypto';
import type { BodySpec } from '../driver/BodySpec.js';
import type { SqlStatement } from '../driver/jobs.js';
import { captureStatements, groupStages } from '../lib/captureStatements.js';
import { drainClient } from '../lib/countStatements.js';
import { expectData, postGraphql } from '../lib/postGraphql.js';
import { median, ratio, round } from '../lib/stats.js';
import type { LoadStats } from '../lib/types.js';
import { hostileDocuments } from './documents.js';
import { asDirectSql, practiceDeskVisits } from './practiceDesk.js';
import type { Scenario } from './Scenario.js';

/** Desk visits per second: a busy practice's front desk and phone. */
const DESK_RATE = 20;
const PHASES = ['alone', 'direct SQL', 'chartgate, governor off', 'chartgate, governor on'] as const;
type Phase = (typeof PHASES)[number];

/**
 * The practice's own software: a direct mysql2 connection pool running front-desk queries open
 * loop (latency from the scheduled send), alone; beside a hostile integration sending its heavy
 * reads directly as SQL (what practices have today); beside the same integration through
 * chartgate with the governor off; and with it on. Phases are interleaved over rounds.
 */
export const practice: Scenario = {
  name: 'practice',
  title: "The practice's own software beside a hostile integration",
  async run(ctx, out) {
    const visits = await practiceDeskVisits(ctx.admin, ctx.facts);
    const workers = ctx.options.quick ? 16 : 32;
    const phaseS = ctx.options.phaseS;
    const rounds = ctx.options.quick ? 1 : 2;
    const documents = hostileDocuments(ctx.facts);
    const hostileBody: BodySpec = { kind: 'template', template: '{{list:body}}', lists: { body: documents.map((q) => JSON.stringify({ query: q })) } };
    const on = await ctx.startServer({ governor: 'on' });
    const off = await ctx.startServer({ governor: 'off' });
    try {
      // the direct-SQL integration sends exactly what chartgate's resolvers send, without the tags and deadlines
      const direct: SqlStatement[][][] = [];
      for (const [i, q] of documents.entries()) {
        ctx.progress.step(`practice: capturing the SQL of hostile request ${i + 1}/${documents.length}`);
        const requestId = `bench-practice-${i}-${randomUUID().slice(0, 8)}`;
        const captured = await captureStatements(ctx.admin, requestId, async () => {
          expectData(
            'practice capture',
            await postGraphql(off.url, JSON.stringify({ query: q }), { ...ctx.clients.reporting.headers, 'x-request-id': requestId }, 60_000),
          );
        });
        direct.push(groupStages(captured).map((stage) => stage.map((s) => ({ sql: asDirectSql(s.sql) }))));
      }
      await drainClient(ctx.admin, ctx.clients.reporting.id);
      out.raw.directStatements = direct.map((stages) => stages.map((s) => s.length));

      const desk = () =>
        ctx.drivers[1].run({
          type: 'sqlOpenLoop',
          mysqlUrl: ctx.options.mysqlUrl,
          connections: 4,
          visits,
          ratePerS: DESK_RATE,
          durationS: phaseS,
          timeoutMs: 30_000,
        });
      const beside = async (phase: Phase): Promise<{ desk: LoadStats; hostile: LoadStats | null }> => {
        if (phase === 'alone') return { desk: await desk(), hostile: null };
        const hostile =
          phase === 'direct SQL'
            ? ctx.drivers[0].run({ type: 'sqlClosedLoop', mysqlUrl: ctx.options.mysqlUrl, connections: workers, requests: direct, durationS: phaseS + 1.5 })
            : ctx.drivers[0].run({
                type: 'autocannon',
                url: (phase === 'chartgate, governor on' ? on : off).url,
                headers: ctx.clients.reporting.headers,
                body: hostileBody,
                connections: workers,
                durationS: phaseS + 1.5,
                timeoutS: 30,
              });
        await new Promise((r) => setTimeout(r, 1000)); // the hostile load ramps up first
        const d = await desk();
        const h = await hostile;
        ctx.progress.step(`practice: ${phase}: letting the hostile statements drain`);
        await drainClient(ctx.admin, ctx.clients.reporting.id);
        return { desk: d, hostile: h };
      };

      ctx.progress.step('practice: warming up the desk');
      await ctx.drivers[1].run({ type: 'sqlOpenLoop', mysqlUrl: ctx.options.mysqlUrl, connections: 4, visits, ratePerS: DESK_RATE, durationS: 1 });
      const results: Record<Phase, { desk: LoadStats; hostile: LoadStats | null }[]> = {
        alone: [],
        'direct SQL': [],
        'chartgate, governor off': [],
        'chartgate, governor on': [],
      };
      for (let round = 0; round < rounds; round++) {
        // A B C D, then D C B A: drift over the run falls on every phase alike
        for (const phase of round % 2 === 0 ? PHASES : [...PHASES].reverse()) {
          ctx.progress.step(`practice: round ${round + 1}/${rounds}, ${phase}`);
          results[phase].push(await beside(phase));
        }
      }
      out.raw.phases = results;
      const p99 = (phase: Phase) => median(results[phase].map((r) => r.desk.p99));
      const p50 = (phase: Phase) => median(results[phase].map((r) => r.desk.p50));
      const errors = (phase: Phase) => results[phase].reduce((n, r) => n + r.desk.failed, 0);
      const hostileRps = (phase: Phase) => median(results[phase].map((r) => r.hostile?.rps ?? 0));
      for (const phase of PHASES) {
        out.figures.push({
          key: `practice.${phase.replace(/\W+/g, '_')}.p99`,
          label: `practice desk p99, ${phase}`,
          value: round(p99(phase), 1),
          unit: 'ms',
          note: `p50 ${p50(phase).toFixed(1)} ms; ${errors(phase)} desk errors${phase === 'alone' ? '' : `; hostile ${hostileRps(phase).toFixed(1)} req/s`}`,
        });
      }
      out.figures.push(
        {
          key: 'practice.governorOnOverAlone',
          label: 'practice desk p99: governor on / desk alone',
          value: round(ratio(p99('chartgate, governor on'), p99('alone')), 2),
          unit: 'x',
          target: { op: '<=', value: 1.3 },
        },
        {
          key: 'practice.directOverGovernorOn',
          label: 'practice desk p99: direct-SQL hostile / governor on',
          value: round(ratio(p99('direct SQL'), p99('chartgate, governor on')), 2),
          unit: 'x',
          target: { op: '>=', value: 5 },
        },
        {
          key: 'practice.governorOffOverAlone',
          label: 'practice desk p99: governor off / desk alone',
          value: round(ratio(p99('chartgate, governor off'), p99('alone')), 2),
          unit: 'x',
        },
      );
      out.charts.push({
        title: "The practice's own desk queries (open loop, from scheduled send), per phase",
        unit: 'ms',
        categories: [...PHASES],
        series: [
          { name: 'p50', values: PHASES.map((p) => round(p50(p), 1)) },
          { name: 'p99', values: PHASES.map((p) => round(p99(p), 1)) },
        ],
      });
    } finally {
      await on.close();
      await off.close();
    }
  },
};
