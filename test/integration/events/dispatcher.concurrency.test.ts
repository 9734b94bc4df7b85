import { describe, expect, vi } from 'vitest';
import { parseConfig } from '../../../src/config/loadConfig.js';
import type { Db } from '../../../src/db/createDb.js';
import type { WebhookAnswer } from '../../../src/events/createWebhookSender.js';
import { openDb } from '../../../src/main.js';
import { harness, matrix } from '../../harness/harness.js';
import { createTcpProxy } from '../../e2e/support/createTcpProxy.js';
import { createWebhookReceiver } from '../../support/createWebhookReceiver.js';
import {
  deliveryRows,
  endpointCursor,
  fakeClock,
  operatorServices,
  outboxRows,
  seedEventsFixture,
  servicesOn,
  testDispatcher,
  writerPrincipal,
} from './eventsFixture.js';

async function setup(db: Db) {
  const clock = fakeClock();
  const f = await seedEventsFixture(db, clock);
  const receiver = await createWebhookReceiver({ now: clock.now });
  const subscribe = async (clientId: number, path: string) => {
    const { endpoint, secret } = await operatorServices(db, clock).webhooks.create({ clientId, url: receiver.url(path), eventTypes: ['patient.created'] });
    receiver.trust(path, secret);
    return endpoint.id;
  };
  const patients = async (n: number) => {
    for (let i = 0; i < n; i++)
      await servicesOn(db, writerPrincipal(), clock).patients.createPatient({ firstName: `P${i}`, lastName: 'Load', clinicId: f.fx.clinics[0]! });
  };
  return { clock, f, receiver, subscribe, patients };
}

describe.each(matrix())('[%s] several dispatchers, crashes and outages', (name, dialect) => {
  const it = harness(dialect);

  it('two dispatchers on one database never attempt a delivery twice', async ({ db, secondConnection }) => {
    const s = await setup(db);
    // MySQL: a second instance with its own pools; SQLite runs one writer at a time, so a second dispatcher shares its connection
    const other = name === 'mysql' ? await secondConnection(db) : db;
    const d1 = testDispatcher(db, s.clock);
    const d2 = testDispatcher(other, s.clock);
    try {
      await s.subscribe(s.f.full, 'a');
      await s.subscribe(s.f.northOnly, 'b');
      await s.patients(25);
      let attempts = 0;
      for (let round = 0; round < 40 && s.receiver.delivered().length < 50; round++) {
        const [x, y] = await Promise.all([d1.dispatcher.runOnce(), d2.dispatcher.runOnce()]);
        attempts += x.started + y.started;
      }
      const ids = s.receiver.requests.map((r) => `${r.path}:${r.id}`);
      expect(ids).toHaveLength(50);
      expect(new Set(ids).size).toBe(50);
      expect(attempts).toBe(50);
      expect(s.receiver.requests.every((r) => r.verified)).toBe(true);
    } finally {
      await s.receiver.close();
      await d1.stop();
      await d2.stop();
    }
  });

  it('a dispatcher that dies mid-attempt loses nothing: its lease ends, another delivers, and its late answer is fenced out', async ({ db }) => {
    const s = await setup(db);
    let answer: (a: WebhookAnswer) => void = () => {};
    const dying = testDispatcher(db, s.clock, {
      overrides: { sender: { send: () => new Promise<WebhookAnswer>((resolve) => (answer = resolve)), close: async () => {} } },
    });
    const survivor = testDispatcher(db, s.clock);
    try {
      const ep = await s.subscribe(s.f.full, 'a');
      await s.patients(1);
      expect((await dying.dispatcher.tick()).started).toBe(1);
      // a first attempt has no row: the endpoint's new events are leased to the dying dispatcher, its position still before the event
      expect(await deliveryRows(db, ep)).toEqual([]);
      expect(await endpointCursor(db, ep)).toMatchObject({ position: Number((await outboxRows(db))[0]!.id) - 1, leased: true });
      // leased: nobody else takes it...
      expect((await survivor.dispatcher.runOnce()).started).toBe(0);
      // ...until the lease (four times the timeout and a second) has run out
      s.clock.advance(4 * 2000 + 1000);
      expect((await survivor.dispatcher.runOnce()).started).toBe(1);
      expect(s.receiver.delivered('a')).toHaveLength(1);
      answer({ status: 500, retryAfter: null, error: 'HTTP 500' });
      await dying.dispatcher.settled();
      // the survivor's attempt is the one recorded (the cut-off first attempt left no row); the dying one's 500 finds the lease gone
      expect(await deliveryRows(db, ep)).toMatchObject([{ status: 'delivered', attempts: 1, last_status: 200 }]);
    } finally {
      await s.receiver.close();
      await survivor.stop();
      answer({ status: null, retryAfter: null, error: 'stopped' });
      await dying.stop();
    }
  });

  it('settled events are pruned after the retention; undelivered ones stay', async ({ db }) => {
    const s = await setup(db);
    const d = testDispatcher(db, s.clock, { config: { retentionDays: 14, disableAfterS: 90 * 86_400 } });
    try {
      const ok = await s.subscribe(s.f.full, 'ok');
      const down = await s.subscribe(s.f.northOnly, 'down');
      s.receiver.behave('down', () => ({ status: 500 }));
      await s.patients(3);
      await servicesOn(db, writerPrincipal(), s.clock).schedule.bookAppointment({
        patientId: s.f.fx.patients[0]!.id,
        operatoryId: s.f.fx.operatories[0]!,
        providerId: s.f.fx.providers[0]!,
        start: '2027-05-03T09:00:00Z',
        lengthMinutes: 30,
      });
      expect(await d.dispatcher.runOnce()).toMatchObject({ pruned: 0 });
      s.clock.advance(15 * 86_400_000);
      // 'down' is still retrying: its three events stay; the appointment (nobody subscribed) and nothing else goes
      expect((await d.dispatcher.runOnce()).pruned).toBe(1);
      expect((await outboxRows(db)).map((r) => r.type)).toEqual(['patient.created', 'patient.created', 'patient.created']);
      expect(await deliveryRows(db, ok)).toHaveLength(3);
      await operatorServices(db, s.clock).webhooks.remove(down);
      s.clock.advance(3_600_000);
      expect((await d.dispatcher.runOnce()).pruned).toBe(3);
      expect(await outboxRows(db)).toEqual([]);
      expect(await deliveryRows(db, ok)).toEqual([]);
    } finally {
      await s.receiver.close();
      await d.stop();
    }
  });

  it.runIf(name === 'mysql')('a database outage pauses delivery, and it resumes by itself', async ({ db, fresh }) => {
    const s = await setup(db);
    const target = new URL(fresh.url!);
    const proxy = await createTcpProxy({ host: target.hostname, port: Number(target.port || 3306) });
    const viaProxy = new URL(fresh.url!);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    const proxied = await openDb(parseConfig({ env: 'test', db: { url: viaProxy.toString() } }));
    const d = testDispatcher(proxied, s.clock, { overrides: { pollMs: 20 } });
    try {
      await s.subscribe(s.f.full, 'a');
      await s.patients(1);
      d.start();
      await vi.waitFor(() => expect(s.receiver.delivered('a')).toHaveLength(1), { timeout: 10_000, interval: 20 });
      await proxy.cut();
      await s.patients(1);
      await expect(d.dispatcher.tick()).rejects.toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
      expect(s.receiver.requests).toHaveLength(1);
      await proxy.restore();
      await vi.waitFor(() => expect(s.receiver.delivered('a')).toHaveLength(2), { timeout: 15_000, interval: 50 });
    } finally {
      await s.receiver.close();
      await d.stop();
      await proxied.destroy();
      await proxy.close();
    }
  });
});
