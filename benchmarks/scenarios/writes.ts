import type { BodySpec } from '../driver/BodySpec.js';
import { expectData, postGraphql } from '../lib/postGraphql.js';
import { failures, okRps, round } from '../lib/stats.js';
import { BOOK_APPOINTMENT, bookingInputs, paymentInputs, RECORD_PAYMENT } from './writeDocuments.js';
import type { Scenario } from './Scenario.js';

/** Enough distinct inputs for the longest run at a generous write rate. */
const INPUTS = 40_000;

/**
 * Writes: bookAppointment and recordPayment from concurrent connections of the DSO client,
 * with the security log on; each booking takes its own chair slot so conflicts do not decide.
 */
export const writes: Scenario = {
  name: 'writes',
  title: 'Writes: bookAppointment and recordPayment under concurrent clients',
  async run(ctx, out) {
    const server = await ctx.startServer();
    const headers = ctx.clients.writer.headers;
    const bookings = bookingInputs(ctx.facts, INPUTS + 1, 0);
    const mutations = [
      { name: 'bookAppointment', query: BOOK_APPOINTMENT, inputs: bookings.slice(1), probe: bookings[0] },
      { name: 'recordPayment', query: RECORD_PAYMENT, inputs: paymentInputs(ctx.facts, INPUTS), probe: paymentInputs(ctx.facts, 1)[0] },
    ];
    const rps: (number | null)[] = [];
    const p99: (number | null)[] = [];
    try {
      for (const m of mutations) {
        ctx.progress.step(`writes: ${m.name}`);
        // one request first, so a schema or validation mismatch fails loudly instead of as N errors
        expectData(m.name, await postGraphql(server.url, `{"query":${JSON.stringify(m.query)},"variables":{"input":${m.probe}}}`, headers));
        const body: BodySpec = {
          kind: 'template',
          template: `{"query":${JSON.stringify(m.query)},"variables":{"input":{{list:input}}}}`,
          lists: { input: m.inputs },
        };
        const s = await ctx.drivers[0].run({
          type: 'autocannon',
          url: server.url,
          headers,
          body,
          connections: ctx.options.connections,
          durationS: ctx.options.writeS,
        });
        const errors = failures(s);
        const ok = okRps(s);
        out.raw[m.name] = s;
        out.figures.push(
          {
            key: `writes.${m.name}.rps`,
            label: `${m.name}: committed per second`,
            value: round(ok, 1),
            unit: 'req/s',
            note: `${ctx.options.connections} connections, p50 ${s.p50.toFixed(1)} ms; ${s.rps.toFixed(0)} answers/s in all`,
          },
          { key: `writes.${m.name}.p99`, label: `${m.name}: p99`, value: round(s.p99, 1), unit: 'ms' },
          {
            key: `writes.${m.name}.errors`,
            label: `${m.name}: errors`,
            value: errors,
            unit: '',
            note: errors ? `of ${s.requests}: ${JSON.stringify({ ...s.statusCodes, ...s.errorCodes })}` : undefined,
          },
        );
        rps.push(round(ok, 1));
        p99.push(round(s.p99, 1));
      }
      out.charts.push(
        { title: 'Write throughput', unit: 'req/s', categories: mutations.map((m) => m.name), series: [{ name: 'req/s', values: rps }] },
        { title: 'Write latency p99', unit: 'ms', categories: mutations.map((m) => m.name), series: [{ name: 'p99', values: p99 }] },
      );
    } finally {
      await server.close();
    }
  },
};
