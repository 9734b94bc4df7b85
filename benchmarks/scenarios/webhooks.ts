import type { BodySpec } from '../driver/BodySpec.js';
import type { Arm } from '../lib/interleave.js';
import { interleave } from '../lib/interleave.js';
import { expectData, postGraphql } from '../lib/postGraphql.js';
import { failures, okRps, pairedRatio, percentile, round } from '../lib/stats.js';
import { startWebhookReceiver, type BenchReceiver } from '../lib/startWebhookReceiver.js';
import type { LoadStats } from '../lib/types.js';
import type { BenchContext } from '../lib/BenchContext.js';
import { BOOK_APPOINTMENT, bookingInputs } from './writeDocuments.js';
import type { Scenario } from './Scenario.js';

/** Enough distinct chair slots for every segment of a full run (13 segments of 10 s at well over 1,000 bookings/s). */
const INPUTS = 200_000;
/** Bookings per second a segment is given slots for: far above what 2 cores commit, so none is booked twice. */
const SLOTS_PER_S = 3_000;
/** How long the deliveries of one loaded segment may take to arrive after the load stops. */
const DRAIN_LIMIT_MS = 30_000;
/** each arm's unmeasured warm-up, in quick mode too */
const WARMUP_S = 2;

/** The subscriptions of the loaded arm: three clients, one of them with full payloads. */
const SUBSCRIBERS = [
  { path: 'writer', client: 'writer', types: ['appointment.booked', 'appointment.cancelled'], fullPayload: false },
  { path: 'desk', client: 'frontDesk', types: ['appointment.booked', 'appointment.rescheduled'], fullPayload: false },
  { path: 'report', client: 'reporting', types: ['appointment.booked'], fullPayload: true },
] as const;

async function maxOutboxId(ctx: BenchContext): Promise<number> {
  const [rows] = await ctx.admin.query('SELECT COALESCE(MAX(id), 0) AS id FROM gw_outbox');
  return Number((rows as { id: number }[])[0]!.id);
}

/** Waits (at most 3 s) until the writes still in flight from the previous segment have committed: the outbox stops growing. */
async function quiesce(ctx: BenchContext): Promise<number> {
  let last = await maxOutboxId(ctx);
  for (let i = 0; i < 30; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const now = await maxOutboxId(ctx);
    if (now === last) return now;
    last = now;
  }
  return last;
}

/**
 * Webhooks beside the write load: bookAppointment from concurrent connections (every write
 * appends its outbox row either way), with and without three subscribed endpoints on a local
 * receiver, interleaved. The subscribed arm's endpoints are created fresh for each segment and
 * deleted after its deliveries have arrived, so no arm inherits another's backlog.
 */
export const webhooks: Scenario = {
  name: 'webhooks',
  title: 'Webhooks: events beside the write load, delivery latency, write throughput with and without subscriptions',
  async run(ctx, out) {
    const receiver: BenchReceiver = await startWebhookReceiver();
    const server = await ctx.startServer({ env: { WEBHOOKS_ALLOW_PRIVATE: 'true' } });
    const headers = ctx.clients.writer.headers;
    const inputs = bookingInputs(ctx.facts, INPUTS, 1);
    let offset = 1;
    const segmentEvents: { events: number; seconds: number }[] = [];
    const latencies: number[] = [];
    const drains: number[] = [];
    let expectedDeliveries = 0;
    let receivedInSegments = 0;
    // interleave warms each arm up once before measuring; the warm-up's deliveries are not figures
    let warmups = 1;
    let segments = 0;
    const load = async (durationS: number): Promise<LoadStats> => {
      const body: BodySpec = {
        kind: 'template',
        template: `{"query":${JSON.stringify(BOOK_APPOINTMENT)},"variables":{"input":{{list:input}}}}`,
        // only this segment's slots cross to the driver (the whole list would be tens of MB per segment)
        lists: { input: inputs.slice(offset, offset + Math.ceil(durationS * SLOTS_PER_S)) },
        start: 0,
      };
      const s = await ctx.drivers[0].run({ type: 'autocannon', url: server.url, headers, body, connections: ctx.options.connections, durationS });
      // autocannon may build a body per connection it never sends: leave a margin so no slot is booked twice
      offset += s.requests + 4 * ctx.options.connections;
      return s;
    };
    const without: Arm = { name: 'without', run: load };
    const withSubscriptions: Arm = {
      name: 'with',
      async run(durationS) {
        const created: number[] = [];
        // each segment's endpoints have their own paths, so late arrivals never count for another segment
        const prefix = `s${++segments}-`;
        // new endpoints start at the outbox's end: nothing may still be committing when they are created
        const before = await quiesce(ctx);
        for (const sub of SUBSCRIBERS) {
          const { endpoint, secret } = await ctx.clients.webhooks.create({
            clientId: ctx.clients[sub.client].id,
            url: receiver.url(prefix + sub.path),
            eventTypes: [...sub.types],
            fullPayload: sub.fullPayload,
          });
          await receiver.trust(prefix + sub.path, secret);
          created.push(endpoint.id);
        }
        const s = await load(durationS);
        // the writes still in flight when the load stopped commit too: count events until the receiver has them all
        const drainStart = Date.now();
        const look = async () => {
          const [rows] = await ctx.admin.query('SELECT COUNT(*) AS n FROM gw_outbox WHERE id > ?', [before]);
          return { events: Number((rows as { n: number }[])[0]!.n), got: await receiver.stats(prefix) };
        };
        let { events, got } = await look();
        while (got.unique < events * SUBSCRIBERS.length && Date.now() - drainStart < DRAIN_LIMIT_MS) {
          await new Promise((r) => setTimeout(r, 25));
          ({ events, got } = await look());
        }
        if (warmups > 0) warmups--;
        else {
          segmentEvents.push({ events, seconds: s.durationS });
          expectedDeliveries += events * SUBSCRIBERS.length;
          receivedInSegments += got.unique;
          drains.push(Date.now() - drainStart);
          latencies.push(...(await receiver.latencies(prefix)));
        }
        for (const id of created) await ctx.clients.webhooks.remove(id);
        return s;
      },
    };
    try {
      ctx.progress.step('webhooks: checking the write path');
      expectData('bookAppointment', await postGraphql(server.url, `{"query":${JSON.stringify(BOOK_APPOINTMENT)},"variables":{"input":${inputs[0]}}}`, headers));
      // the delivery path (signing, undici, full-payload reads) needs a few seconds of use before it runs at speed
      const result = await interleave([without, withSubscriptions], {
        ...ctx.options,
        segmentS: ctx.options.writeS,
        warmupS: Math.max(ctx.options.warmupS, WARMUP_S),
        label: 'webhooks',
        progress: ctx.progress,
      });
      const a = result.combined.with;
      const b = result.combined.without;
      const ratio = pairedRatio(result.segments.with, result.segments.without, okRps);
      const sorted = [...latencies].sort((x, y) => x - y);
      const events = segmentEvents.reduce((n, x) => n + x.events, 0);
      const seconds = segmentEvents.reduce((n, x) => n + x.seconds, 0);
      const missing = expectedDeliveries - receivedInSegments;
      const final = await receiver.stats();
      const errors = failures(a) + failures(b);
      out.raw.segments = result.segments;
      out.raw.segmentEvents = segmentEvents;
      out.raw.drainsMs = drains;
      out.figures.push(
        {
          key: 'webhooks.writeRatio',
          label: 'write throughput with / without subscriptions',
          value: round(ratio.median, 3),
          unit: '',
          target: { op: '>=', value: 0.9 },
          note: `median of ${result.segments.with.length} back-to-back rounds (${round(ratio.min, 3)} .. ${round(ratio.max, 3)}); ${okRps(a).toFixed(0)} vs ${okRps(b).toFixed(0)} committed/s overall; ${SUBSCRIBERS.length} endpoints, one with full payloads`,
        },
        { key: 'webhooks.rpsWith', label: 'bookAppointment committed per second, with subscriptions', value: round(okRps(a), 1), unit: 'req/s' },
        { key: 'webhooks.rpsWithout', label: 'bookAppointment committed per second, without', value: round(okRps(b), 1), unit: 'req/s' },
        {
          key: 'webhooks.eventsPerSecond',
          label: 'events written per second beside the write load',
          value: seconds > 0 ? round(events / seconds, 1) : null,
          unit: 'events/s',
          note: `${events} events in ${seconds.toFixed(1)} s of subscribed load; ${round((events / Math.max(1, seconds)) * SUBSCRIBERS.length, 1)} deliveries/s owed`,
        },
        {
          key: 'webhooks.latencyP50',
          label: 'delivery latency p50, commit to receipt',
          value: sorted.length ? round(percentile(sorted, 50), 1) : null,
          unit: 'ms',
          note: `${sorted.length} deliveries; the dispatcher polls every WEBHOOKS_POLL_MS (200 ms by default)`,
        },
        {
          key: 'webhooks.latencyP99',
          label: 'delivery latency p99, commit to receipt',
          value: sorted.length ? round(percentile(sorted, 99), 1) : null,
          unit: 'ms',
        },
        {
          key: 'webhooks.undelivered',
          label: 'deliveries not received within the drain limit',
          value: missing,
          unit: '',
          target: { op: '==', value: 0 },
          note: `drained in ${drains.map((d) => `${d} ms`).join(', ')} after each loaded segment (limit ${DRAIN_LIMIT_MS / 1000} s)`,
        },
        {
          key: 'webhooks.signatureFailures',
          label: 'signatures that did not verify (standardwebhooks)',
          value: final.failed,
          unit: '',
          target: { op: '==', value: 0 },
          note: `${final.verified} verified; ${final.received - final.unique} deliveries arrived twice (at least once allowed)`,
        },
        {
          key: 'webhooks.writeErrors',
          label: 'write errors',
          value: errors,
          unit: '',
          note: errors
            ? `${JSON.stringify({ with: a.errorCodes, without: b.errorCodes })}; CONFLICT here is a deadlock of concurrent bookings (the slot check's range lock) retried three times`
            : undefined,
        },
      );
      out.charts.push(
        {
          title: 'Write throughput, with and without subscriptions',
          unit: 'req/s',
          categories: ['without', 'with'],
          series: [{ name: 'req/s', values: [round(okRps(b), 1), round(okRps(a), 1)] }],
        },
        {
          title: 'Delivery latency, commit to receipt',
          unit: 'ms',
          categories: ['p50', 'p90', 'p99'],
          series: [{ name: 'ms', values: sorted.length ? [50, 90, 99].map((p) => round(percentile(sorted, p), 1)) : [null, null, null] }],
        },
      );
    } finally {
      await server.close();
      await receiver.close();
    }
  },
};
