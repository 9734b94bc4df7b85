import type { SecurityLogAppender } from '../audit/SecurityLog.js';
import type { Db } from '../db/Db.js';
import { systemRunner, type SqlRunner } from '../db/SqlRunner.js';
import { createAdminSessionStore, type AdminSessionStore } from './admins/createAdminSessionStore.js';
import { createAdminUserStore, type AdminUserStore } from './admins/createAdminUserStore.js';
import { createClientStore, type ClientStore } from './clients/createClientStore.js';
import { createDeliveryStore, type DeliveryStore } from './events/createDeliveryStore.js';
import { createEventStore, type EventStore } from './events/createEventStore.js';
import { createWebhookStore, type WebhookStore } from './events/createWebhookStore.js';
import { createIdempotencyStore, type IdempotencyStoreOptions } from './idempotency/createIdempotencyStore.js';
import type { IdempotencyStore } from './idempotency/IdempotencyStore.js';
import { createActingUserLookup, type ActingUserLookup } from './identity/createActingUserLookup.js';
import { createIdentitySource, type IdentitySource } from './identity/createIdentitySource.js';
import { createInstanceStore, type InstanceStore } from './instances/createInstanceStore.js';
import { createLastUseWriter, type LastUseWriter } from './identity/createLastUseWriter.js';
import { revokeAccessToken } from './identity/revokeAccessToken.js';
import { createOperationStore, type OperationStore } from './operations/createOperationStore.js';
import { createRequestLogStore, type RequestLogReader, type RequestLogSink } from './requestLog/createRequestLogStore.js';

/** chartgate's own tables (gw_*), behind the small interfaces auth, http, the governor and services consume. */
export interface Gateway {
  readonly identity: IdentitySource;
  readonly actingUsers: ActingUserLookup;
  readonly lastUse: LastUseWriter;
  /** records a revoked OAuth token's jti until it expires */
  revokeToken(jti: string, expiresAtMs: number): Promise<void>;
  readonly requestLog: RequestLogSink & RequestLogReader;
  readonly idempotency: IdempotencyStore;
  readonly operations: OperationStore;
  /** the admin tables, with statements tagged by the request that changes them and their security-log rows */
  clients(runner: SqlRunner, log: SecurityLogAppender): ClientStore;
  /** the outbox, webhook endpoints and deliveries, tagged by the caller (a request or the dispatcher) */
  events(runner: SqlRunner): EventStore;
  webhooks(runner: SqlRunner, log: SecurityLogAppender): WebhookStore;
  deliveries(runner: SqlRunner): DeliveryStore;
  /** the console's users, with statements tagged by the request (or sign-in) that changes them and their security-log rows */
  admins(runner: SqlRunner, log: SecurityLogAppender): AdminUserStore;
  readonly adminSessions: AdminSessionStore;
  /** each process's identity report (the console's "has every instance honoured it") */
  readonly instances: InstanceStore;
}

/** Built once per process by the composition root. */
export function createGateway(db: Db, clock: () => Date = () => new Date(), idempotency: Omit<IdempotencyStoreOptions, 'clock'> = {}): Gateway {
  const identityRunner = systemRunner(db, 'chartgate-identity');
  const logRunner = systemRunner(db, 'chartgate-request-log');
  const opsRunner = systemRunner(db, 'chartgate-operations');
  const consoleRunner = systemRunner(db, 'chartgate-console');
  return {
    identity: createIdentitySource(db, identityRunner),
    actingUsers: createActingUserLookup(db.interactive, identityRunner),
    lastUse: createLastUseWriter(identityRunner),
    revokeToken: (jti, expiresAtMs) => revokeAccessToken(identityRunner, clock, jti, expiresAtMs),
    requestLog: createRequestLogStore(db, logRunner),
    idempotency: createIdempotencyStore(db, { ...idempotency, clock }),
    operations: createOperationStore(db, opsRunner, clock),
    clients: (runner, log) => createClientStore(db, runner, log),
    events: (runner) => createEventStore(db, runner),
    webhooks: (runner, log) => createWebhookStore(db, runner, log),
    deliveries: (runner) => createDeliveryStore(db, runner),
    admins: (runner, log) => createAdminUserStore(db, runner, log),
    adminSessions: createAdminSessionStore(db, consoleRunner),
    instances: createInstanceStore(db, identityRunner),
  };
}
