import type { BodySpec } from '../driver/BodySpec.js';
import { countRunning, drainClient, pollUntil } from '../lib/countStatements.js';
import { expectData, gqlBody, postGraphql } from '../lib/postGraphql.js';
import { median, round } from '../lib/stats.js';
import { measureDeadlineOverrun } from './deadlineOverrun.js';
import { hostileDocuments } from './documents.js';
import type { Scenario } from './Scenario.js';

const SUSPEND = 'mutation Suspend($id: ID!) { suspendClient(input: { clientId: $id, reason: "benchmark: kill switch" }) { client { id status } } }';
const RESUME = 'mutation Resume($id: ID!) { resumeClient(input: { clientId: $id }) { client { id status } } }';

/**
 * Kill switch across instances: the victim's heavy reports run on instance B (its own pools);
 * an admin suspends the victim through the admin API of instance A, and the time runs until none
 * of the victim's statements (tag `c=<id> `) is left in information_schema.PROCESSLIST. B hears
 * of it over Redis pub/sub when REDIS_URL is set, through its identity poll otherwise. Then
 * deadlines: a query that outlives its statement deadline, its wall time over the deadline.
 */
export const killSwitch: Scenario = {
  name: 'killswitch',
  title: 'Kill switch across instances, and deadlines',
  async run(ctx, out) {
    const victim = ctx.clients.victim;
    const marker = `c=${victim.id} `;
    const trials = ctx.options.quick ? 2 : 5;
    const redisUrl = process.env.REDIS_URL;
    const shared: Record<string, string> = redisUrl ? { REDIS_URL: redisUrl } : {};
    const body: BodySpec = {
      kind: 'template',
      template: '{{list:body}}',
      lists: { body: hostileDocuments(ctx.facts).map((q) => JSON.stringify({ query: q })) },
    };
    // governor off so the heavy reports reach the database instead of being rejected up front
    const a = await ctx.startServer({ governor: 'off', env: shared });
    const b = await ctx.startServer({ governor: 'off', env: shared, ownProcess: true });
    const admin = (query: string) => postGraphql(a.url, gqlBody(query, { id: String(victim.id) }), ctx.clients.admin.headers);
    const times: number[] = [];
    const notes: string[] = [];
    const trace: unknown[] = [];
    const suspendCalls: number[] = [];
    try {
      // a first request pays for cold pools and caches: the instance is warm before anything is timed
      for (let i = 0; i < 3; i++) expectData('killswitch warm-up', await admin(RESUME));
      const load = ctx.drivers[0].run({
        type: 'autocannon',
        url: b.url,
        headers: victim.headers,
        body,
        connections: 16,
        durationS: trials * 4 + 2,
        timeoutS: 30,
      });
      try {
        for (let trial = 1; trial <= trials; trial++) {
          ctx.progress.step(`killswitch: trial ${trial}/${trials}, waiting for the victim's statements on instance B`);
          const appeared = await pollUntil(ctx.admin, marker, (n) => n > 0, 5000);
          if (appeared === null) {
            notes.push(`trial ${trial}: the victim's statements never appeared in the process list`);
            break;
          }
          const running = await countRunning(ctx.admin, marker);
          const t0 = performance.now();
          const suspended = await admin(SUSPEND);
          const suspendMs = performance.now() - t0;
          expectData('killswitch suspend on instance A', suspended);
          suspendCalls.push(suspendMs);
          // the process list after the suspend, sampled: shows whether statements linger or new ones start
          const samples: [number, number][] = [];
          const gone = await pollUntil(ctx.admin, marker, (n) => (samples.push([Math.round(performance.now() - t0), n]), n === 0), 10_000, 2);
          const total = gone === null ? null : performance.now() - t0;
          trace.push({
            trial,
            runningAtSuspend: running,
            suspendCallMs: Math.round(suspendMs),
            samples: samples.filter((_, i) => i % 10 === 0 || i === samples.length - 1),
          });
          if (total === null) notes.push(`trial ${trial}: statements still running after 10 s`);
          else times.push(total);
          ctx.progress.step(`killswitch: trial ${trial}/${trials}: ${running} running -> 0 in ${total?.toFixed(0) ?? '>10000'} ms`);
          expectData('killswitch resume', await admin(RESUME));
        }
      } finally {
        await admin(RESUME).catch(() => undefined);
        out.raw.killLoad = await load.catch((e: unknown) => String(e));
        await drainClient(ctx.admin, victim.id);
      }
      out.raw.killTimesMs = times;
      out.raw.killTrace = trace;
      const via = redisUrl ? 'Redis pub/sub' : 'the identity poll (no REDIS_URL)';
      out.figures.push(
        {
          key: 'killswitch.maxMs',
          label: 'kill switch: suspend on instance A -> statements gone on instance B (worst)',
          value: times.length ? round(Math.max(...times), 0) : null,
          unit: 'ms',
          target: { op: '<=', value: 250 },
          note: `${times.length} trials, B hears of it through ${via}${notes.length ? `; ${notes.join('; ')}` : ''}`,
        },
        {
          key: 'killswitch.medianMs',
          label: 'kill switch: suspend -> statements gone (median)',
          value: times.length ? round(median(times), 0) : null,
          unit: 'ms',
        },
        {
          key: 'killswitch.suspendCallMs',
          label: 'kill switch: the suspendClient mutation itself (worst)',
          value: suspendCalls.length ? round(Math.max(...suspendCalls), 0) : null,
          unit: 'ms',
          target: { op: '<=', value: 50 },
          note: `median ${suspendCalls.length ? median(suspendCalls).toFixed(0) : '-'} ms: the admin API round trip on instance A (transaction, security log, kill) under the victim's load`,
        },
      );
      out.charts.push({
        title: 'Kill switch: suspend on A until the process list is clear of B’s statements',
        unit: 'ms',
        categories: times.map((_, i) => `trial ${i + 1}`),
        series: [{ name: 'ms', values: times.map((t) => round(t, 0)) }],
      });
    } finally {
      await a.close();
      await b.close();
    }
    await measureDeadlineOverrun(ctx, out);
  },
};
