import { describe, expect } from 'vitest';
import type { Db } from '../../../src/db/createDb.js';
import { createRetrySchedule } from '../../../src/events/retrySchedule.js';
import { fromSqlDateTime } from '../../../src/lib/dates.js';
import { isDomainError } from '../../../src/lib/DomainError.js';
import { harness, matrix } from '../../harness/harness.js';
import { createWebhookReceiver, type WebhookReceiver } from '../../support/createWebhookReceiver.js';
import {
  endpointCursor,
  deliveryRows,
  fakeClock,
  operatorServices,
  outboxRows,
  seedEventsFixture,
  servicesOn,
  testDispatcher,
  writerPrincipal,
  type EventsFixture,
  type FakeClock,
} from './eventsFixture.js';

async function setup(db: Db) {
  const clock = fakeClock();
  const f: EventsFixture = await seedEventsFixture(db, clock);
  const receiver: WebhookReceiver = await createWebhookReceiver({ now: clock.now });
  const subscribe = async (clientId: number, path: string, eventTypes: string[]) => {
    const { endpoint, secret } = await operatorServices(db, clock).webhooks.create({ clientId, url: receiver.url(path), eventTypes });
    receiver.trust(path, secret);
    return endpoint.id;
  };
  const patient = (first: string) =>
    servicesOn(db, writerPrincipal(), clock).patients.createPatient({ firstName: first, lastName: 'Pat', clinicId: f.fx.clinics[0]! });
  return { clock, f, receiver, subscribe, patient };
}

/** ms from the test clock's now until a delivery row is due. */
const dueIn = (clock: FakeClock, row: { next_attempt_at: string }) => fromSqlDateTime(row.next_attempt_at) - clock.now().getTime();

const rejection = async (fn: () => Promise<unknown>) => {
  try {
    await fn();
  } catch (e) {
    if (isDomainError(e)) return { code: e.code, field: e.field };
    throw e;
  }
  throw new Error('expected a rejection');
};

describe.each(matrix())('[%s] webhook retries', (_name, dialect) => {
  const it = harness(dialect);
  const schedule = createRetrySchedule(() => 0);

  it('retries on the schedule against the fake clock, with the same webhook-id, until the receiver takes it', async ({ db }) => {
    const s = await setup(db);
    const d = testDispatcher(db, s.clock);
    try {
      const ep = await s.subscribe(s.f.full, 'flaky', ['patient.created']);
      s.receiver.behave('flaky', (n) => ({ status: n <= 3 ? 500 : 204 }));
      await s.patient('Retry');
      for (let attempt = 1; attempt <= 3; attempt++) {
        expect((await d.dispatcher.runOnce()).started).toBe(1);
        const [row] = await deliveryRows(db, ep);
        expect(row).toMatchObject({ status: 'failed', attempts: attempt, last_status: 500, last_error: 'HTTP 500: receiver says 500' });
        const wait = schedule.delayAfter(attempt)!;
        // DATETIME keeps whole seconds: due at most a second early
        expect(dueIn(s.clock, row!)).toBeGreaterThan(wait - 1000);
        expect(dueIn(s.clock, row!)).toBeLessThanOrEqual(wait);
        s.clock.advance(wait - 1000);
        expect((await d.dispatcher.runOnce()).started).toBe(0);
        s.clock.advance(1000);
      }
      expect((await d.dispatcher.runOnce()).started).toBe(1);
      expect(await deliveryRows(db, ep)).toMatchObject([{ status: 'delivered', attempts: 4, last_status: 204 }]);
      const ids = new Set(s.receiver.requests.map((r) => r.id));
      expect(s.receiver.requests).toHaveLength(4);
      expect(ids.size).toBe(1);
      expect(s.receiver.requests.every((r) => r.verified)).toBe(true);
      expect(await d.registry.metrics()).toContain(`chartgate_webhook_attempts_total{outcome="failed",endpoint="${ep}"} 3`);
    } finally {
      await s.receiver.close();
      await d.stop();
    }
  });

  it('429 and 503 wait as long as Retry-After says', async ({ db }) => {
    const s = await setup(db);
    const d = testDispatcher(db, s.clock);
    try {
      const ep = await s.subscribe(s.f.full, 'busy', ['patient.created']);
      const later = () => new Date(s.clock.now().getTime() + 300_000).toUTCString();
      s.receiver.behave('busy', (n) =>
        n === 1 ? { status: 429, headers: { 'retry-after': '120' } } : n === 2 ? { status: 503, headers: { 'retry-after': later() } } : { status: 200 },
      );
      await s.patient('Busy');
      await d.dispatcher.runOnce();
      expect(dueIn(s.clock, (await deliveryRows(db, ep))[0]!)).toBe(120_000 - (s.clock.now().getTime() % 1000));
      s.clock.advance(120_000);
      await d.dispatcher.runOnce();
      const wait = dueIn(s.clock, (await deliveryRows(db, ep))[0]!);
      expect(wait).toBeGreaterThan(298_000);
      expect(wait).toBeLessThanOrEqual(300_000);
      s.clock.advance(300_000);
      await d.dispatcher.runOnce();
      expect(await deliveryRows(db, ep)).toMatchObject([{ status: 'delivered', attempts: 3 }]);
    } finally {
      await s.receiver.close();
      await d.stop();
    }
  });

  it('an endpoint failing every attempt for three days is disabled, with an operational event, a security-log row and a metric', async ({ db }) => {
    const s = await setup(db);
    const d = testDispatcher(db, s.clock);
    try {
      const ep = await s.subscribe(s.f.full, 'down', ['patient.created']);
      const ops = await s.subscribe(s.f.operator, 'ops', ['webhook.endpoint.disabled']);
      s.receiver.behave('down', () => ({ status: 500 }));
      await s.patient('Never');
      for (let attempt = 1; attempt <= schedule.attempts; attempt++) {
        expect((await d.dispatcher.runOnce()).started).toBe(1);
        const view = await operatorServices(db, s.clock).webhooks.get(ep);
        expect(view.status).toBe(attempt < schedule.attempts ? 'active' : 'disabled');
        if (attempt < schedule.attempts) s.clock.advance(schedule.delayAfter(attempt)!);
      }
      expect(await deliveryRows(db, ep)).toMatchObject([{ status: 'dead', attempts: 16, last_status: 500 }]);
      const view = await operatorServices(db, s.clock).webhooks.get(ep);
      expect(view.disabledReason).toMatch(/^every attempt has failed since .*; the last: HTTP 500/);
      const operational = (await outboxRows(db)).filter((r) => r.type === 'webhook.endpoint.disabled');
      expect(operational).toMatchObject([{ entity_id: ep, clinic_num: 0, program_num: 0 }]);
      const log = await db.interactive.selectFrom('securitylog').selectAll().where('PermType', '=', 'WebhookEndpointDisable').execute();
      expect(log).toMatchObject([{ FKey: ep, ProgramNum: 0 }]);
      expect(await d.registry.metrics()).toContain('chartgate_webhook_endpoints_disabled_total{reason="failing"} 1');
      // the operator's own subscription to operational events hears about it
      await d.dispatcher.runOnce();
      expect(s.receiver.delivered('ops').map((r) => [r.body.type, r.body.data.id])).toEqual([['webhook.endpoint.disabled', String(ep)]]);
      expect((await operatorServices(db, s.clock).events.feed({ types: ['webhook.endpoint.disabled'] })).nodes).toMatchObject([
        { type: 'webhook.endpoint.disabled', entityType: 'WebhookEndpoint', entityId: ep },
      ]);
      expect(ops).toBeGreaterThan(0);
    } finally {
      await s.receiver.close();
      await d.stop();
    }
  });

  it('410 Gone disables the endpoint at once (what was queued for it waits); enabling it again delivers what waited and what happened meanwhile', async ({
    db,
  }) => {
    const s = await setup(db);
    const d = testDispatcher(db, s.clock, { config: { endpointConcurrency: 1 } });
    try {
      const ep = await s.subscribe(s.f.full, 'gone', ['patient.created']);
      let gone = true;
      s.receiver.behave('gone', () => ({ status: gone ? 410 : 200 }));
      for (const name of ['First', 'Second', 'Third']) await s.patient(name);
      await d.dispatcher.runOnce();
      // one attempt: the answer disabled the endpoint before the claimed others went out
      expect(s.receiver.requests).toHaveLength(1);
      const view = await operatorServices(db, s.clock).webhooks.get(ep);
      expect(view).toMatchObject({ status: 'disabled', disabledReason: 'the receiver answered 410 Gone' });
      // the 410 is written; the two never attempted wait in the outbox, the endpoint's position just past the first
      expect((await deliveryRows(db, ep)).map((r) => [r.status, r.last_status])).toEqual([['failed', 410]]);
      expect((await endpointCursor(db, ep)).position).toBe(Number((await outboxRows(db))[0]!.id));
      expect(await d.registry.metrics()).toContain('chartgate_webhook_endpoints_disabled_total{reason="gone"} 1');
      await s.patient('Meanwhile');
      s.clock.advance(3_600_000);
      await d.dispatcher.runOnce();
      expect(s.receiver.requests).toHaveLength(1);

      gone = false;
      await operatorServices(db, s.clock).webhooks.update({ id: ep, enabled: true });
      for (let i = 0; i < 4 && s.receiver.delivered('gone').length < 4; i++) await d.dispatcher.runOnce();
      expect(new Set(s.receiver.delivered('gone').map((r) => r.body.data.id)).size).toBe(4);
      expect((await deliveryRows(db, ep)).map((r) => r.status)).toEqual(['delivered', 'delivered', 'delivered', 'delivered']);
      expect((await operatorServices(db, s.clock).webhooks.get(ep)).failingSince).toBeNull();
    } finally {
      await s.receiver.close();
      await d.stop();
    }
  });

  it('replays one event or everything since a time, with the same webhook-id; refuses what the endpoint does not receive', async ({ db }) => {
    const s = await setup(db);
    const d = testDispatcher(db, s.clock);
    try {
      const ep = await s.subscribe(s.f.full, 'replay', ['patient.created']);
      const since = new Date(s.clock.now().getTime() - 1000).toISOString();
      await s.patient('A');
      await s.patient('B');
      const apt = await servicesOn(db, writerPrincipal(), s.clock).schedule.bookAppointment({
        patientId: s.f.fx.patients[0]!.id,
        operatoryId: s.f.fx.operatories[0]!,
        providerId: s.f.fx.providers[0]!,
        start: '2027-04-01T09:00:00Z',
        lengthMinutes: 30,
      });
      await d.dispatcher.runOnce();
      expect(s.receiver.delivered('replay')).toHaveLength(2);
      const [first] = s.receiver.delivered('replay');
      const events = await outboxRows(db);
      const firstEvent = events.find((e) => `evt_${e.id}` === first!.id)!;
      const ops = operatorServices(db, s.clock).webhooks;

      expect(await ops.replay({ endpointId: ep, eventId: Number(firstEvent.id) })).toEqual({ queued: 1 });
      await d.dispatcher.runOnce();
      expect(s.receiver.requests.at(-1)).toMatchObject({ id: first!.id, verified: true });

      expect(await ops.replay({ endpointId: ep, since })).toEqual({ queued: 2 });
      await d.dispatcher.runOnce();
      expect(s.receiver.delivered('replay').map((r) => r.id)).toHaveLength(5);
      expect((await deliveryRows(db, ep)).every((r) => r.status === 'delivered')).toBe(true);

      const booked = events.find((e) => e.type === 'appointment.booked' && Number(e.entity_id) === apt.id)!;
      expect(await rejection(() => ops.replay({ endpointId: ep, eventId: Number(booked.id) }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.eventId' });
      expect(await rejection(() => ops.replay({ endpointId: ep, eventId: 1, since }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.eventId' });
      expect(await rejection(() => ops.replay({ endpointId: ep, since: 'yesterday' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.since' });
      expect(await rejection(() => ops.replay({ endpointId: ep, eventId: 999_999 }))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await rejection(() => ops.replay({ endpointId: 999_999, eventId: 1 }))).toMatchObject({ code: 'NOT_FOUND' });
    } finally {
      await s.receiver.close();
      await d.stop();
    }
  });
});
