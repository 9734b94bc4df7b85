import { interleave } from '../lib/interleave.js';
import { loadArm } from '../lib/loadArm.js';
import { expectData, postGraphql } from '../lib/postGraphql.js';
import { failures, pairedRatio, round } from '../lib/stats.js';
import type { BodySpec } from '../driver/BodySpec.js';
import { governorSwitchExists } from '../lib/startBenchServer.js';
import { iso, LOOKUP } from './documents.js';
import type { Scenario } from './Scenario.js';

/** Percent by which `on` is worse than `off` (throughput lost, or latency added). */
const overheadPct = (worse: number | null) => (worse == null ? null : round((worse - 1) * 100, 1));

/**
 * Governor overhead: every guard on versus off (two servers, same Db), for a cached document
 * (same text, the patient id varies in the variables) and for documents that differ on every
 * request (a new alias and literal each time, so no parse/validation/cost cache can hit).
 */
export const governorOverhead: Scenario = {
  name: 'governor',
  title: 'Governor overhead: all guards on versus off',
  async run(ctx, out) {
    const ids = ctx.facts.patientIds.slice(0, 500).map(String);
    const from = iso(ctx.facts.firstAppointment);
    const cached: BodySpec = {
      kind: 'template',
      template: JSON.stringify({ query: LOOKUP, variables: { id: '{{list:id}}', from } }),
      lists: { id: ids },
    };
    const varyingQuery = `query FrontDeskLookup { p{{n}}: patient(id: "{{list:id}}") { id firstName lastName preferredName mobilePhone email appointments(from: "${from}", status: [SCHEDULED], first: 1) { nodes { id scheduledAt lengthMinutes status } } } }`;
    const varying: BodySpec = { kind: 'template', template: JSON.stringify({ query: varyingQuery }), lists: { id: ids } };
    const headers = ctx.clients.frontDesk.headers;
    if (!governorSwitchExists()) ctx.progress.log('governor: no governor switch in the config yet; both arms run the same server (an A/A check)');
    const on = await ctx.startServer({ governor: 'on' });
    const off = await ctx.startServer({ governor: 'off' });
    try {
      for (const server of [on, off]) {
        expectData('governor check', await postGraphql(server.url, JSON.stringify({ query: LOOKUP, variables: { id: ids[0], from } }), headers));
      }
      const rpsOn: (number | null)[] = [];
      const rpsOff: (number | null)[] = [];
      const overheads: (number | null)[] = [];
      for (const [name, body] of [
        ['cached', cached],
        ['varying', varying],
      ] as const) {
        const result = await interleave(
          [
            loadArm(ctx.drivers[0], 'on', on.url, headers, body, ctx.options.connections),
            loadArm(ctx.drivers[0], 'off', off.url, headers, body, ctx.options.connections),
          ],
          { ...ctx.options, label: `governor ${name}`, progress: ctx.progress },
        );
        const a = result.combined.on;
        const b = result.combined.off;
        const paired = (pick: (s: typeof a) => number, worseIsHigher: boolean) =>
          worseIsHigher ? pairedRatio(result.segments.on, result.segments.off, pick) : pairedRatio(result.segments.off, result.segments.on, pick);
        const rpsPaired = paired((s) => s.rps, false);
        const rpsOverhead = overheadPct(rpsPaired.median);
        const bad = failures(a) + failures(b);
        out.figures.push(
          {
            key: `governor.${name}.rpsOverheadPct`,
            label: `${name} document: throughput cost of the governor`,
            value: rpsOverhead,
            unit: '%',
            note: `${governorSwitchExists() ? '' : 'A/A: no governor switch in the config; '}median of ${result.segments.on.length} back-to-back rounds (${overheadPct(rpsPaired.min)}% .. ${overheadPct(rpsPaired.max)}%); ${a.rps.toFixed(0)} rps on vs ${b.rps.toFixed(0)} off overall${bad ? `; ${bad} errors (${JSON.stringify({ ...a.errorCodes, ...b.errorCodes })})` : ''}`,
          },
          {
            key: `governor.${name}.onOverOff`,
            label: `${name} document: req/s with the governor on / off`,
            value: rpsPaired.median == null ? null : round(1 / rpsPaired.median, 3),
            unit: 'x',
            ...(name === 'cached' ? { target: { op: '>=' as const, value: 0.95 } } : {}),
            note: 'paired per round, median',
          },
          {
            key: `governor.${name}.p50OverheadPct`,
            label: `${name} document: p50 added`,
            value: overheadPct(paired((s) => s.p50, true).median),
            unit: '%',
            note: `${a.p50.toFixed(1)} vs ${b.p50.toFixed(1)} ms`,
          },
          {
            key: `governor.${name}.p99OverheadPct`,
            label: `${name} document: p99 added`,
            value: overheadPct(paired((s) => s.p99, true).median),
            unit: '%',
            note: `${a.p99.toFixed(1)} vs ${b.p99.toFixed(1)} ms`,
          },
        );
        rpsOn.push(round(a.rps, 1));
        rpsOff.push(round(b.rps, 1));
        overheads.push(rpsOverhead);
        out.raw[`${name}.segments`] = result.segments;
      }
      out.charts.push({
        title: 'Throughput with the governor on and off',
        unit: 'req/s',
        categories: ['cached document', 'varying document'],
        series: [
          { name: 'governor on', values: rpsOn },
          { name: 'governor off', values: rpsOff },
        ],
      });
    } finally {
      await on.close();
      await off.close();
    }
  },
};
