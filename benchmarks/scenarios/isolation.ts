import type { BodySpec } from '../driver/BodySpec.js';
import { drainClient } from '../lib/countStatements.js';
import { expectData, postGraphql } from '../lib/postGraphql.js';
import { governorSwitchExists, type BenchServer } from '../lib/startBenchServer.js';
import { failures, ratio, round } from '../lib/stats.js';
import type { LoadStats } from '../lib/types.js';
import { hostileDocuments, iso, LOOKUP } from './documents.js';
import type { Scenario } from './Scenario.js';

/** Front-desk arrivals per second: a busy practice's desk and phone, well under capacity. */
const PROBE_RATE = 20;

const errorsOf = (s: LoadStats) => failures(s);

/**
 * Isolation: the front desk probed open-loop (fixed arrival rate, latency from the scheduled
 * send), alone, then beside a hostile reporting client (many workers: production by day over the
 * widest range, 500-row pages with children, ten-alias fan-out) with the governor off, then on.
 */
export const isolation: Scenario = {
  name: 'isolation',
  title: 'Isolation: the front desk beside a hostile reporting client',
  async run(ctx, out) {
    const ids = ctx.facts.patientIds.slice(0, 500).map(String);
    const from = iso(ctx.facts.firstAppointment);
    const probeBody: BodySpec = { kind: 'template', template: JSON.stringify({ query: LOOKUP, variables: { id: '{{list:id}}', from } }), lists: { id: ids } };
    const hostileBody: BodySpec = {
      kind: 'template',
      template: '{{list:body}}',
      lists: { body: hostileDocuments(ctx.facts).map((q) => JSON.stringify({ query: q })) },
    };
    const workers = ctx.options.quick ? 16 : 32;
    const phaseS = ctx.options.phaseS;
    const on = await ctx.startServer({ governor: 'on' });
    const off = await ctx.startServer({ governor: 'off' });
    const probe = (server: BenchServer) =>
      ctx.drivers[1].run({
        type: 'openLoop',
        url: server.url,
        headers: ctx.clients.frontDesk.headers,
        body: probeBody,
        ratePerS: PROBE_RATE,
        durationS: phaseS,
        timeoutMs: 10_000,
      });
    const beside = async (server: BenchServer) => {
      const hostile = ctx.drivers[0].run({
        type: 'autocannon',
        url: server.url,
        headers: ctx.clients.reporting.headers,
        body: hostileBody,
        connections: workers,
        durationS: phaseS + 1.5,
        timeoutS: 30,
      });
      await new Promise((r) => setTimeout(r, 1000)); // let the hostile client ramp up first
      const desk = await probe(server);
      const result = { desk, hostile: await hostile };
      ctx.progress.step("isolation: waiting for the hostile client's leftover statements to drain");
      const drained = await drainClient(ctx.admin, ctx.clients.reporting.id);
      return { ...result, drained };
    };
    try {
      for (const server of [on, off]) {
        expectData(
          'isolation check',
          await postGraphql(server.url, JSON.stringify({ query: LOOKUP, variables: { id: ids[0], from } }), ctx.clients.frontDesk.headers),
        );
      }
      ctx.progress.step('isolation: front desk alone');
      await ctx.drivers[1].run({ type: 'openLoop', url: on.url, headers: ctx.clients.frontDesk.headers, body: probeBody, ratePerS: PROBE_RATE, durationS: 1 }); // warm-up
      const alone = await probe(on);
      out.raw.alone = alone;
      out.figures.push({
        key: 'isolation.alone.p99',
        label: 'front desk alone: p99',
        value: round(alone.p99, 1),
        unit: 'ms',
        note: `p50 ${alone.p50.toFixed(1)} ms; ${errorsOf(alone)} errors`,
      });
      ctx.progress.step(`isolation: beside the hostile client (${workers} workers), governor off`);
      const withOff = await beside(off);
      out.raw.governorOff = withOff;
      out.figures.push(
        {
          key: 'isolation.governorOff.p99',
          label: 'beside hostile, governor off: p99',
          value: round(withOff.desk.p99, 1),
          unit: 'ms',
          note: `p50 ${withOff.desk.p50.toFixed(1)} ms; ${(ratio(withOff.desk.p99, alone.p99) ?? 0).toFixed(1)}x alone`,
        },
        {
          key: 'isolation.governorOff.errors',
          label: 'beside hostile, governor off: front-desk errors',
          value: errorsOf(withOff.desk),
          unit: '',
          note: JSON.stringify({ ...withOff.desk.statusCodes, ...withOff.desk.errorCodes }),
        },
        {
          key: 'isolation.governorOff.hostileRps',
          label: 'hostile client throughput, governor off',
          value: round(withOff.hostile.rps, 1),
          unit: 'req/s',
          note: `${JSON.stringify(withOff.hostile.errorCodes)}${withOff.drained ? '' : '; its statements had not drained after 15 s'}`,
        },
      );
      ctx.progress.step(`isolation: beside the hostile client (${workers} workers), governor on`);
      const withOn = await beside(on);
      out.raw.governorOn = withOn;
      const onRatio = ratio(withOn.desk.p99, alone.p99);
      out.figures.push(
        {
          key: 'isolation.governorOn.p99',
          label: 'beside hostile, governor on: p99',
          value: round(withOn.desk.p99, 1),
          unit: 'ms',
          note: `p50 ${withOn.desk.p50.toFixed(1)} ms${governorSwitchExists() ? '' : '; no governor switch in the config: "on" and "off" are the same server'}`,
        },
        {
          key: 'isolation.governorOn.p99OverAlone',
          label: 'beside hostile, governor on: p99 / p99 alone',
          value: round(onRatio, 2),
          unit: 'x',
          target: { op: '<=', value: 2 },
        },
        {
          key: 'isolation.governorOn.errors',
          label: 'beside hostile, governor on: front-desk errors',
          value: errorsOf(withOn.desk),
          unit: '',
          target: { op: '==', value: 0 },
          note: JSON.stringify({ ...withOn.desk.statusCodes, ...withOn.desk.errorCodes }),
        },
        {
          key: 'isolation.governorOn.hostileRps',
          label: 'hostile client throughput, governor on',
          value: round(withOn.hostile.rps, 1),
          unit: 'req/s',
          note: `answers: ${JSON.stringify(withOn.hostile.statusCodes)} ${JSON.stringify(withOn.hostile.errorCodes)}`,
        },
      );
      out.charts.push({
        title: 'Front-desk latency (open loop, from scheduled send)',
        unit: 'ms',
        categories: ['alone', 'hostile, governor off', 'hostile, governor on'],
        series: [
          { name: 'p50', values: [alone, withOff.desk, withOn.desk].map((s) => round(s.p50, 1)) },
          { name: 'p99', values: [alone, withOff.desk, withOn.desk].map((s) => round(s.p99, 1)) },
        ],
      });
    } finally {
      await on.close();
      await off.close();
    }
  },
};
