import { Webhook } from 'standardwebhooks';
import { describe, expect, vi } from 'vitest';
import type { Db } from '../../../src/db/createDb.js';
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

const ALL = [
  'patient.created',
  'patient.updated',
  'appointment.booked',
  'appointment.rescheduled',
  'appointment.cancelled',
  'appointment.confirmed',
  'procedure.added',
  'procedure.completed',
  'payment.recorded',
];

interface Setup {
  f: EventsFixture;
  clock: FakeClock;
  receiver: WebhookReceiver;
  subscribe(clientId: number, path: string, eventTypes: string[], fullPayload?: boolean): Promise<{ id: number; secret: string }>;
}

async function setup(db: Db): Promise<Setup & { close(): Promise<void> }> {
  const clock = fakeClock();
  const f = await seedEventsFixture(db, clock);
  const receiver = await createWebhookReceiver({ now: clock.now });
  return {
    f,
    clock,
    receiver,
    async subscribe(clientId, path, eventTypes, fullPayload = false) {
      const { endpoint, secret } = await operatorServices(db, clock).webhooks.create({ clientId, url: receiver.url(path), eventTypes, fullPayload });
      receiver.trust(path, secret);
      return { id: endpoint.id, secret };
    },
    close: () => receiver.close(),
  };
}

describe.each(matrix())('[%s] webhook delivery', (_name, dialect) => {
  const it = harness(dialect);

  it('delivers each event signed (Standard Webhooks v1), thin, once, with a webhook-id stable per event', async ({ db }) => {
    const s = await setup(db);
    const d = testDispatcher(db, s.clock);
    try {
      const ep = await s.subscribe(s.f.full, 'full', ALL);
      const p = await servicesOn(db, writerPrincipal(), s.clock).patients.createPatient({
        firstName: 'Ada',
        lastName: 'Lovelace',
        clinicId: s.f.fx.clinics[0]!,
      });
      const summary = await d.dispatcher.runOnce();
      expect(summary).toMatchObject({ fannedOut: 1, started: 1 });
      const [event] = await outboxRows(db);
      const [got] = s.receiver.delivered('full');
      expect(s.receiver.requests).toHaveLength(1);
      expect(got).toMatchObject({ id: `evt_${event!.id}`, verified: true });
      expect(got!.body).toEqual({
        type: 'patient.created',
        timestamp: expect.any(String),
        data: { id: String(p.id), clinicId: s.f.fx.clinics[0], changedBy: { userId: 77, clientId: 42 } },
      });
      expect(got!.timestamp).toBe(Math.floor(s.clock.now().getTime() / 1000));
      expect(await deliveryRows(db, ep.id)).toMatchObject([{ status: 'delivered', attempts: 1, last_status: 200, last_error: null }]);
      // nothing more to do: a second pass sends nothing
      expect(await d.dispatcher.runOnce()).toMatchObject({ fannedOut: 0, started: 0 });
      const metrics = await d.registry.metrics();
      expect(metrics).toContain('chartgate_webhook_attempts_total{outcome="delivered",endpoint="' + ep.id + '"} 1');
      expect(metrics).toMatch(/chartgate_webhook_delivery_latency_seconds_count 1/);
      expect(metrics).toMatch(/chartgate_webhook_retry_backlog 0/);
    } finally {
      await s.close();
      await d.stop();
    }
  });

  it('a client only receives what its scopes allow and, when clinic-limited, only its clinics', async ({ db }) => {
    const s = await setup(db);
    const d = testDispatcher(db, s.clock);
    try {
      await s.subscribe(s.f.full, 'full', ALL);
      await s.subscribe(s.f.scheduleOnly, 'recall', ['appointment.booked', 'appointment.cancelled']);
      await s.subscribe(s.f.northOnly, 'north', ALL);
      const [north, south] = s.f.fx.clinics as [number, number];
      const w = () => servicesOn(db, writerPrincipal(), s.clock);
      const pn = await w().patients.createPatient({ firstName: 'North', lastName: 'Pat', clinicId: north });
      const ps = await w().patients.createPatient({ firstName: 'South', lastName: 'Pat', clinicId: south });
      const apt = await w().schedule.bookAppointment({
        patientId: pn.id,
        operatoryId: s.f.fx.operatories[0]!,
        providerId: s.f.fx.providers[0]!,
        start: '2027-03-01T09:00:00Z',
        lengthMinutes: 30,
      });
      const pay = await w().billing.recordPayment({
        patientId: ps.id,
        amount: '20.00',
        type: 'Cash',
        splits: [{ amount: '20.00', providerId: s.f.fx.providers[1]! }],
      });
      await d.dispatcher.runOnce();
      const seen = (path: string) => s.receiver.delivered(path).map((r) => `${r.body.type}:${r.body.data.id}`);
      expect(seen('full').sort()).toEqual(
        [`appointment.booked:${apt.id}`, `patient.created:${pn.id}`, `patient.created:${ps.id}`, `payment.recorded:${pay.payment.id}`].sort(),
      );
      expect(seen('recall')).toEqual([`appointment.booked:${apt.id}`]);
      expect(seen('north').sort()).toEqual([`appointment.booked:${apt.id}`, `patient.created:${pn.id}`].sort());
      expect(s.receiver.requests.every((r) => r.verified)).toBe(true);
    } finally {
      await s.close();
      await d.stop();
    }
  });

  it('full payloads carry the entity as the subscriber may read it now', async ({ db }) => {
    const s = await setup(db);
    const d = testDispatcher(db, s.clock);
    try {
      await s.subscribe(s.f.full, 'full', ['patient.created', 'patient.updated'], true);
      await s.subscribe(s.f.scheduleOnly, 'recall', ['appointment.booked'], true);
      const w = () => servicesOn(db, writerPrincipal(), s.clock);
      const p = await w().patients.createPatient({ firstName: 'Ada', lastName: 'Lovelace', clinicId: s.f.fx.clinics[0]!, email: 'ada@example.com' });
      const apt = await w().schedule.bookAppointment({
        patientId: p.id,
        operatoryId: s.f.fx.operatories[0]!,
        providerId: s.f.fx.providers[0]!,
        start: '2027-03-02T09:00:00Z',
        lengthMinutes: 30,
      });
      await d.dispatcher.runOnce();
      const [patient] = s.receiver.delivered('full');
      expect(patient!.body.data.object).toMatchObject({ id: p.id, firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', version: 1 });
      const [booked] = s.receiver.delivered('recall');
      expect(booked!.body.data.object).toMatchObject({ id: apt.id, patientId: p.id, status: 'SCHEDULED' });
      // the appointment's reader holds schedule:read only: no patient fields in its payload
      expect(JSON.stringify(booked!.body)).not.toContain('Lovelace');
    } finally {
      await s.close();
      await d.stop();
    }
  });

  it('a hanging receiver holds only its own endpoint: others are delivered and writes go on', async ({ db }) => {
    const s = await setup(db);
    const d = testDispatcher(db, s.clock, { config: { timeoutMs: 60_000 } });
    try {
      const slow = await s.subscribe(s.f.full, 'slow', ['patient.created']);
      await s.subscribe(s.f.northOnly, 'fast', ['patient.created']);
      s.receiver.behave('slow', () => ({ hang: true }));
      const w = () => servicesOn(db, writerPrincipal(), s.clock);
      const hung = s.receiver.next('slow');
      const fast = s.receiver.next('fast');
      await w().patients.createPatient({ firstName: 'One', lastName: 'Pat', clinicId: s.f.fx.clinics[0]! });
      await d.dispatcher.tick();
      await hung;
      expect((await fast).verified).toBe(true);
      await vi.waitFor(() => expect(d.dispatcher.inFlight).toBe(1));
      // a write while the receiver hangs commits, and the next tick delivers it to the fast endpoint
      const fastAgain = s.receiver.next('fast');
      await w().patients.createPatient({ firstName: 'Two', lastName: 'Pat', clinicId: s.f.fx.clinics[0]! });
      await d.dispatcher.tick();
      expect((await fastAgain).body.type).toBe('patient.created');
      expect(s.receiver.delivered('fast')).toHaveLength(2);
      // the hung attempts are first attempts: no row yet, and the slow endpoint's position stays before both events
      expect(await deliveryRows(db, slow.id)).toEqual([]);
      expect(await endpointCursor(db, slow.id)).toMatchObject({ position: Math.min(...(await outboxRows(db)).map((r) => Number(r.id))) - 1, leased: true });
      s.receiver.release(200);
      await d.dispatcher.settled();
      await d.dispatcher.runOnce();
      expect((await deliveryRows(db, slow.id)).map((r) => r.status)).toEqual(['delivered', 'delivered']);
    } finally {
      await s.close();
      await d.stop();
    }
  });

  it('rotating a secret signs with both until the overlap ends, then with the new one only', async ({ db }) => {
    const s = await setup(db);
    const d = testDispatcher(db, s.clock);
    try {
      const ep = await s.subscribe(s.f.full, 'old', ['patient.created']);
      const { secret } = await operatorServices(db, s.clock).webhooks.rotateSecret(ep.id, 3600);
      expect(secret).not.toBe(ep.secret);
      const w = () => servicesOn(db, writerPrincipal(), s.clock);
      await w().patients.createPatient({ firstName: 'Rot', lastName: 'Ate', clinicId: s.f.fx.clinics[0]! });
      await d.dispatcher.runOnce();
      const [first] = s.receiver.requests;
      // a receiver still holding the old secret verifies, and so does one already holding the new
      expect(first!.verified).toBe(true);
      expect(first!.signature.split(' ')).toHaveLength(2);
      const headers = { 'webhook-id': first!.id, 'webhook-timestamp': String(first!.timestamp), 'webhook-signature': first!.signature };
      expect(new Webhook(secret).verify(first!.raw, headers)).toMatchObject({ type: 'patient.created' });
      s.receiver.trust('new', secret);
      await operatorServices(db, s.clock).webhooks.update({ id: ep.id, url: s.receiver.url('new') });
      s.clock.advance(3601_000);
      await w().patients.createPatient({ firstName: 'After', lastName: 'Overlap', clinicId: s.f.fx.clinics[0]! });
      await d.dispatcher.runOnce();
      const second = s.receiver.requests[1]!;
      expect(second).toMatchObject({ path: 'new', verified: true });
      expect(second.signature.split(' ')).toHaveLength(1);
    } finally {
      await s.close();
      await d.stop();
    }
  });

  it("a suspended client's deliveries wait, and go out once it is resumed", async ({ db }) => {
    const s = await setup(db);
    const d = testDispatcher(db, s.clock);
    try {
      const ep = await s.subscribe(s.f.full, 'full', ['patient.created']);
      await operatorServices(db, s.clock).clients.suspend(s.f.full, 'audit');
      await servicesOn(db, writerPrincipal(), s.clock).patients.createPatient({ firstName: 'Wait', lastName: 'Ing', clinicId: s.f.fx.clinics[0]! });
      await d.dispatcher.runOnce();
      expect(s.receiver.requests).toHaveLength(0);
      expect(await deliveryRows(db, ep.id)).toMatchObject([{ status: 'pending', attempts: 0 }]);
      await operatorServices(db, s.clock).clients.resume(s.f.full);
      await d.dispatcher.runOnce();
      expect(s.receiver.delivered('full')).toHaveLength(1);
    } finally {
      await s.close();
      await d.stop();
    }
  });
});
