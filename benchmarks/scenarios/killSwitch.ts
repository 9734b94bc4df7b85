import type { BodySpec } from '../driver/BodySpec.js';
import { countRunning, drainClient, pollUntil } from '../lib/countStatements.js';
import { median, round } from '../lib/stats.js';
import { measureDeadlineOverrun } from './deadlineOverrun.js';
import { hostileDocuments } from './documents.js';
import type { Scenario } from './Scenario.js';

/**
 * Kill switch: while the victim client keeps many heavy reports running, `suspend` it through
 * the clients service (what `chartgate clients suspend` calls) and time until none of its
 * statements (tag `c=<id> `) is left in information_schema.PROCESSLIST. Then deadlines: a query
 * that outlives its statement deadline, its wall time over the deadline.
 */
export const killSwitch: Scenario = {
  name: 'killswitch',
  title: 'Kill switch and deadlines',
  async run(ctx, out) {
    const victim = ctx.clients.victim;
    const marker = `c=${victim.id} `;
    const trials = ctx.options.quick ? 2 : 5;
    const body: BodySpec = {
      kind: 'template',
      template: '{{list:body}}',
      lists: { body: hostileDocuments(ctx.facts).map((q) => JSON.stringify({ query: q })) },
    };
    // governor off so the heavy reports reach the database instead of being rejected up front
    const server = await ctx.startServer({ governor: 'off' });
    const times: number[] = [];
    const notes: string[] = [];
    const trace: unknown[] = [];
    const suspendCalls: number[] = [];
    try {
      const load = ctx.drivers[0].run({
        type: 'autocannon',
        url: server.url,
        headers: victim.headers,
        body,
        connections: 16,
        durationS: trials * 4 + 2,
        timeoutS: 30,
      });
      try {
        for (let trial = 1; trial <= trials; trial++) {
          ctx.progress.step(`killswitch: trial ${trial}/${trials}, waiting for the victim's statements`);
          const appeared = await pollUntil(ctx.admin, marker, (n) => n > 0, 5000);
          if (appeared === null) {
            notes.push(`trial ${trial}: the victim's statements never appeared in the process list`);
            break;
          }
          const running = await countRunning(ctx.admin, marker);
          const t0 = performance.now();
          await ctx.clients.service.suspend(victim.id, 'benchmark: kill switch');
          const suspendMs = performance.now() - t0;
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
          await ctx.clients.service.resume(victim.id);
        }
      } finally {
        await ctx.clients.service.resume(victim.id).catch(() => undefined);
        out.raw.killLoad = await load.catch((e: unknown) => String(e));
        await drainClient(ctx.admin, victim.id);
      }
      out.raw.killTimesMs = times;
      out.raw.killTrace = trace;
      out.figures.push(
        {
          key: 'killswitch.maxMs',
          label: 'kill switch: suspend -> statements gone (worst)',
          value: times.length ? round(Math.max(...times), 0) : null,
          unit: 'ms',
          target: { op: '<', value: 1000 },
          note: `${times.length} trials${notes.length ? `; ${notes.join('; ')}` : ''}`,
        },
        {
          key: 'killswitch.medianMs',
          label: 'kill switch: suspend -> statements gone (median)',
          value: times.length ? round(median(times), 0) : null,
          unit: 'ms',
        },
        {
          key: 'killswitch.suspendCallMs',
          label: 'kill switch: the suspend call itself (median)',
          value: suspendCalls.length ? round(median(suspendCalls), 0) : null,
          unit: 'ms',
          note: "clients service suspend (transaction + security log) under the victim's load",
        },
      );
      out.charts.push({
        title: 'Kill switch: suspend until the process list is clear',
        unit: 'ms',
        categories: times.map((_, i) => `trial ${i + 1}`),
        series: [{ name: 'ms', values: times.map((t) => round(t, 0)) }],
      });
    } finally {
      await server.close();
    }
    await measureDeadlineOverrun(ctx, out);
  },
};
