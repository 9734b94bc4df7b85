import { Registry } from 'prom-client';
import type { Principal } from '../../../src/auth/Principal.js';
import { systemPrincipal } from '../../../src/auth/Principal.js';
import type { ConfigInput } from '../../../src/config/Config.js';
import { parseConfig } from '../../../src/config/loadConfig.js';
import type { Db } from '../../../src/db/createDb.js';
import { systemRunner } from '../../../src/db/SqlRunner.js';
import { createEntityReader } from '../../../src/events/createEntityReader.js';
import { createEventMetrics } from '../../../src/events/createEventMetrics.js';
import { createWebhookRuntime, type InlineWebhookRuntime, type WebhookRuntimeDeps } from '../../../src/events/createWebhookRuntime.js';
import { createGateway } from '../../../src/gateway/createGateway.js';
import type { Services } from '../../../src/services/createServices.js';
import { contextsFor, testSecurityLog } from '../../harness/harness.js';
import { seedReadFixture, type ReadFixture } from '../readApi/readFixture.js';
import { WRITE_SCOPES } from '../writes/writesHarness.js';

/** A clock tests move by hand; every part of a test shares it. */
export interface FakeClock {
  now: () => Date;
  advance(ms: number): void;
}

export function fakeClock(startIso = new Date().toISOString()): FakeClock {
  let t = Date.parse(startIso);
  return { now: () => new Date(t), advance: (ms) => void (t += ms) };
}

/** The demo-sized practice plus the integrations these suites subscribe, each with its own service user. */
export interface EventsFixture {
  fx: ReadFixture;
  /** every read scope, all clinics */
  full: number;
  /** schedule:read only */
  scheduleOnly: number;
  /** every read scope, the first clinic only */
  northOnly: number;
  /** admin */
  operator: number;
}

export async function seedEventsFixture(db: Db, clock?: FakeClock): Promise<EventsFixture> {
  const fx = await seedReadFixture(db, { patients: 12, appointments: 10 });
  const admin = contextsFor(db, { clock: clock?.now })({ principal: systemPrincipal(), requestId: 'events-fixture' }).services.clients;
  const reads = ['patients:read', 'schedule:read', 'clinical:read', 'billing:read'];
  const make = async (name: string, scopes: string[], clinicIds: number[] = []) =>
    (await admin.create({ name, kind: 'internal', scopes, clinicIds })).client.id;
  return {
    fx,
    full: await make('Full Reader', reads),
    scheduleOnly: await make('Recall Texter', ['schedule:read']),
    northOnly: await make('North DSO', reads, [fx.clinics[0]!]),
    operator: await make('Operator', ['admin']),
  };
}

/** A writing integration's principal (client 42, service user 77), optionally clinic-limited. */
export const writerPrincipal = (clinicIds: number[] | null = null): Principal => ({
  clientId: 42,
  clientName: 'Front Desk Sync',
  keyId: 9,
  scopes: new Set(WRITE_SCOPES),
  clinicIds: clinicIds ? new Set(clinicIds) : null,
  actingUser: { userNum: 77, userName: 'svc_front_desk_sync' },
});

let requests = 0;
/** One request's services as `principal`, on the test's clock. */
export const servicesOn = (db: Db, principal: Principal, clock?: FakeClock): Services =>
  contextsFor(db, { clock: clock?.now })({ principal, requestId: `events-test-${++requests}` }).services;

/** The admin services (chartgate itself) on the test's clock. */
export const operatorServices = (db: Db, clock?: FakeClock): Services => servicesOn(db, systemPrincipal(), clock);

/**
 * A dispatcher on `db` as main.ts builds it, without a timer (tests call runOnce/tick), no
 * jitter, loopback allowed, and the test's clock. `registry` holds its metrics.
 */
export function testDispatcher(
  db: Db,
  clock: FakeClock,
  opts: { config?: ConfigInput['webhooks']; overrides?: Partial<WebhookRuntimeDeps> } = {},
): InlineWebhookRuntime & { registry: Registry } {
  const registry = new Registry();
  const contexts = contextsFor(db, { clock: clock.now });
  const gateway = createGateway(db, clock.now);
  const runner = systemRunner(db, 'chartgate-webhooks');
  const runtime = createWebhookRuntime({
    config: parseConfig({ webhooks: { allowPrivate: true, timeoutMs: 2000, ...opts.config } }).webhooks,
    gateway,
    runner,
    securityLog: testSecurityLog,
    metrics: createEventMetrics(registry, () => gateway.deliveries(runner).backlog()),
    clock: clock.now,
    random: () => 0,
    pollMs: 0,
    readEntity: createEntityReader((principal) => contexts({ principal, requestId: 'webhook-payload' }).services),
    ...opts.overrides,
  });
  return Object.assign(runtime, { registry });
}

/** gw_outbox rows, oldest first. */
export const outboxRows = (db: Db) => db.interactive.selectFrom('gw_outbox').selectAll().orderBy('id').execute();

/** gw_delivery rows of one endpoint, oldest first. */
export const deliveryRows = (db: Db, endpointId: number) =>
  db.interactive.selectFrom('gw_delivery').selectAll().where('endpoint_id', '=', endpointId).orderBy('id').execute();

/** The outbox id up to which an endpoint's deliveries are written, and who holds its new events (first attempts have no row until they are settled). */
export const endpointCursor = async (db: Db, endpointId: number) => {
  const row = await db.interactive
    .selectFrom('gw_webhook_endpoint')
    .select(['last_event_id', 'lease_owner'])
    .where('id', '=', endpointId)
    .executeTakeFirstOrThrow();
  return { position: Number(row.last_event_id), leased: row.lease_owner !== null };
};
