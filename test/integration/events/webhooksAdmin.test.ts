import { describe, expect } from 'vitest';
import { systemPrincipal } from '../../../src/auth/Principal.js';
import { createRequestContextFactory } from '../../../src/context.js';
import type { Db } from '../../../src/db/createDb.js';
import { createWebhookPolicy } from '../../../src/events/createWebhookPolicy.js';
import { isDomainError } from '../../../src/lib/DomainError.js';
import { harness, matrix, testContextDeps } from '../../harness/harness.js';
import { fakeClock, operatorServices, seedEventsFixture, servicesOn, testDispatcher, writerPrincipal } from './eventsFixture.js';

/** The admin services as production configures them: WEBHOOKS_ALLOW_PRIVATE off. */
const strictAdmin = (db: Db) =>
  createRequestContextFactory({
    ...testContextDeps(db, { admin: { webhooks: createWebhookPolicy({ allowPrivate: false, secretGraceS: 86_400 }) } }),
  })({ principal: systemPrincipal(), requestId: 'strict-admin' }).services.webhooks;

const refusal = async (fn: () => Promise<unknown>) => {
  try {
    await fn();
  } catch (e) {
    if (isDomainError(e)) return { code: e.code, field: e.field };
    throw e;
  }
  throw new Error('expected a refusal');
};

describe.each(matrix())('[%s] webhook administration', (_name, dialect) => {
  const it = harness(dialect);

  it('refuses private and loopback endpoints and plain http unless allowed', async ({ db }) => {
    const f = await seedEventsFixture(db);
    const strict = strictAdmin(db);
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'https://127.0.0.1/hook',
      'https://10.0.0.8/hook',
      'https://[::1]/hook',
      'https://localhost/hook',
      'https://169.254.169.254/',
    ]) {
      expect(await refusal(() => strict.create({ clientId: f.full, url, eventTypes: ['patient.created'] })), url).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'input.url',
      });
    }
    expect(await db.interactive.selectFrom('gw_webhook_endpoint').selectAll().execute()).toEqual([]);
  });

  it('checks types against the client, needs admin, shows the secret only once, and security-logs every change', async ({ db }) => {
    const f = await seedEventsFixture(db);
    const ops = operatorServices(db).webhooks;
    expect(await refusal(() => servicesOn(db, writerPrincipal()).webhooks.list())).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await refusal(() => ops.create({ clientId: f.scheduleOnly, url: 'http://127.0.0.1:9/a', eventTypes: ['appointment.booked', 'billing.paid'] })),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.eventTypes[1]',
    });
    expect(await refusal(() => ops.create({ clientId: f.scheduleOnly, url: 'http://127.0.0.1:9/a', eventTypes: ['payment.recorded'] }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.eventTypes[0]',
    });
    expect(await refusal(() => ops.create({ clientId: f.full, url: 'http://127.0.0.1:9/a', eventTypes: ['webhook.endpoint.disabled'] }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.eventTypes[0]',
    });

    const { endpoint, secret } = await ops.create({
      clientId: f.scheduleOnly,
      url: ' http://127.0.0.1:9/a ',
      eventTypes: ['appointment.booked', 'appointment.booked'],
    });
    expect(endpoint).toMatchObject({ url: 'http://127.0.0.1:9/a', eventTypes: ['appointment.booked'], status: 'active', fullPayload: false });
    expect(JSON.stringify([await ops.list(), await ops.get(endpoint.id), await ops.list(f.scheduleOnly)])).not.toContain(secret);
    expect(await ops.list(f.full)).toEqual([]);

    expect(await refusal(() => ops.update({ id: endpoint.id, eventTypes: ['patient.updated'] }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.eventTypes[0]',
    });
    expect(await refusal(() => ops.update({ id: endpoint.id, url: 'gopher://x' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.url' });
    const off = await ops.update({ id: endpoint.id, enabled: false, eventTypes: ['appointment.cancelled'], fullPayload: true });
    expect(off).toMatchObject({ status: 'disabled', disabledReason: 'disabled by chartgate', eventTypes: ['appointment.cancelled'], fullPayload: true });
    expect(await refusal(() => ops.rotateSecret(endpoint.id, -1))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.graceSeconds' });
    const rotated = await ops.rotateSecret(endpoint.id);
    expect(rotated.secret).not.toBe(secret);
    expect(Date.parse(rotated.endpoint.previousSecretExpiresAt!) - Date.now()).toBeGreaterThan(86_000_000);
    await ops.remove(endpoint.id);
    expect(await refusal(() => ops.get(endpoint.id))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await refusal(() => ops.remove(endpoint.id))).toMatchObject({ code: 'NOT_FOUND' });

    const log = await db.interactive
      .selectFrom('securitylog')
      .select(['PermType', 'FKey'])
      .where('PermType', 'like', 'Webhook%')
      .orderBy('SecurityLogNum')
      .execute();
    expect(log.map((r) => r.PermType)).toEqual(['WebhookEndpointCreate', 'WebhookEndpointEdit', 'WebhookSecretRotate', 'WebhookEndpointDelete']);
  });

  it('pages deliveries newest first by cursor and refuses bad paging', async ({ db }) => {
    const clock = fakeClock();
    const f = await seedEventsFixture(db, clock);
    const ops = operatorServices(db, clock).webhooks;
    const { endpoint } = await ops.create({ clientId: f.full, url: 'http://127.0.0.1:9/never', eventTypes: ['patient.created'] });
    for (let i = 0; i < 3; i++)
      await servicesOn(db, writerPrincipal(), clock).patients.createPatient({ firstName: `D${i}`, lastName: 'Page', clinicId: f.fx.clinics[0]! });
    const d = testDispatcher(db, clock);
    try {
      // nothing listens on port 9: every attempt fails with no answer
      await d.dispatcher.runOnce();
      const first = await ops.deliveries({ endpointId: endpoint.id }, 2);
      expect(first.edges.map((e) => e.node.status)).toEqual(['failed', 'failed']);
      expect(first.edges[0]!.node.lastError).toMatch(/ECONNREFUSED/);
      expect(first.hasNextPage).toBe(true);
      const second = await ops.deliveries({ endpointId: endpoint.id }, 2, first.endCursor);
      expect(second.edges).toHaveLength(1);
      expect(second.hasNextPage).toBe(false);
      const ids = [...first.edges, ...second.edges].map((e) => e.node.id);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      expect((await ops.undelivered({ clientId: f.full })).edges).toHaveLength(3);
      expect((await ops.undelivered({ clientId: f.northOnly })).edges).toHaveLength(0);
      expect(await refusal(() => ops.deliveries({ endpointId: endpoint.id }, 0))).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
      expect(await refusal(() => ops.deliveries({ endpointId: endpoint.id }, 10, 'bogus'))).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    } finally {
      await d.stop();
    }
  });
});
