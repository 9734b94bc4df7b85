import { test as base } from 'vitest';
import { createSecurityLog } from '../../src/audit/SecurityLog.js';
import type { Principal } from '../../src/auth/Principal.js';
import { systemPrincipal } from '../../src/auth/Principal.js';
import type { ConfigInput } from '../../src/config/Config.js';
import { limitDefaultsOf } from '../../src/config/effectiveClientLimits.js';
import { parseConfig } from '../../src/config/loadConfig.js';
import { createRequestContextFactory, type RequestContext, type RequestContextFactory } from '../../src/context.js';
import { createDb } from '../../src/db/createDb.js';
import type { Db } from '../../src/db/Db.js';
import { runSeed } from '../../src/db/runSeed.js';
import { createWebhookPolicy } from '../../src/events/createWebhookPolicy.js';
import { createGateway } from '../../src/gateway/createGateway.js';
import { createKillSwitch, type KillSwitch } from '../../src/killSwitch/createKillSwitch.js';
import { buildServer, type BuildServerOverrides, type Chartgate } from '../../src/main.js';
import type { Services } from '../../src/services/createServices.js';
import { dialects, type FreshDb, type TestDialect } from './dialects.js';
import type { AdminDeps } from '../../src/services/clients/ClientsDeps.js';

export type { FreshDb, TestDialect };

/** The demo practice's "today" in every test: seeded data never depends on the day the suite runs. */
export const TEST_AS_OF = '2026-11-01';

/** The audit key of every test server and context (AUDIT_KEY); the CLI tests pass it to their processes. */
export const TEST_AUDIT_KEY = 'test-audit-key-'.padEnd(48, 'k');
/** The security log every test context and server writes with. */
export const testSecurityLog = createSecurityLog(Buffer.from(TEST_AUDIT_KEY, 'utf8'));

/** Seeds the demo practice (deterministic: fixed seed and as-of date). */
export const seedDemo = (db: Db, seed = 1) => runSeed(db, { scale: 'demo', seed, asOf: TEST_AS_OF });

/** The configuration's default limits, which one-shot contexts show as a client's defaults. */
const TEST_LIMIT_DEFAULTS = limitDefaultsOf(parseConfig({}));
/** The webhook rules tests run with: loopback receivers allowed (WEBHOOKS_ALLOW_PRIVATE), a day's secret overlap. */
const testWebhookPolicy = () => createWebhookPolicy({ allowPrivate: true, secretGraceS: 86_400 });

/** What a request-context factory over `db` needs, as tests configure it; `admin` overrides parts (a strict webhook policy...). */
export function testContextDeps(db: Db, opts: { clock?: () => Date; admin?: Partial<AdminDeps> } = {}) {
  const admin: AdminDeps = {
    gateway: createGateway(db, opts.clock),
    killSwitch: createKillSwitch({ db }),
    keyRotationGraceS: 86_400,
    limitDefaults: TEST_LIMIT_DEFAULTS,
    webhooks: testWebhookPolicy(),
    ...opts.admin,
  };
  return { db, clock: opts.clock, admin, securityLog: testSecurityLog };
}

/** The production request-context factory over `db`, as a one-shot process builds it (no identity snapshot). */
export function contextsFor(db: Db, opts: { clock?: () => Date; killSwitch?: KillSwitch; keyRotationGraceS?: number } = {}): RequestContextFactory {
  const gateway = createGateway(db, opts.clock);
  const killSwitch = opts.killSwitch ?? createKillSwitch({ db });
  return createRequestContextFactory({
    db,
    clock: opts.clock,
    admin: {
      gateway,
      killSwitch,
      keyRotationGraceS: opts.keyRotationGraceS ?? 86_400,
      limitDefaults: TEST_LIMIT_DEFAULTS,
      webhooks: testWebhookPolicy(),
      verifySecurityLog: () => testSecurityLog.verify(db),
    },
    securityLog: testSecurityLog,
  });
}

let requests = 0;
/** A request's context for `principal` (a fresh request id each call, so each call is one request with one stamp). */
export function contextAs(
  db: Db,
  principal: Principal,
  opts: Parameters<typeof contextsFor>[1] & { observe?: (purpose: string) => void } = {},
): RequestContext {
  const factory = opts.observe
    ? createRequestContextFactory({
        db,
        clock: opts.clock,
        admin: {
          gateway: createGateway(db, opts.clock),
          killSwitch: opts.killSwitch ?? createKillSwitch({ db }),
          keyRotationGraceS: opts.keyRotationGraceS ?? 86_400,
          limitDefaults: TEST_LIMIT_DEFAULTS,
          webhooks: testWebhookPolicy(),
        },
        securityLog: testSecurityLog,
        contributors: [() => ({ observer: { onStatement: (e) => opts.observe?.(e.purpose) } })],
      })
    : contextsFor(db, opts);
  return factory({ principal, requestId: `test-${++requests}` });
}

/** A request's services for `principal`. */
export const servicesAs = (db: Db, principal: Principal, opts: Parameters<typeof contextsFor>[1] = {}): Services => contextAs(db, principal, opts).services;

/** The admin services acting as chartgate itself (the CLI's principal). */
export const adminServicesOf = (db: Db, opts: Parameters<typeof contextsFor>[1] = {}) => servicesAs(db, systemPrincipal(), opts).clients;

export interface StartedServer {
  server: Chartgate;
  /** http://127.0.0.1:<port> */
  base: string;
  /** base + /graphql */
  url: string;
  post(body: unknown, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

/**
 * The test configuration: port 0, silent logs, a fixed token secret, polls and flushes slow
 * enough that tests trigger them themselves (`server.identity.store.poll()`, `server.requestLog.flush()`),
 * and no hold for early retries (refused at once: a test never waits on a real timer).
 */
const testConfig = (input: ConfigInput = {}) =>
  parseConfig({
    env: 'test',
    logLevel: 'silent',
    ...input,
    http: { port: 0, ...input.http },
    governor: { refusalHoldMs: 0, ...input.governor },
    metrics: { port: 0, ...input.metrics },
    audit: { key: TEST_AUDIT_KEY, ...input.audit },
    auth: { tokenSecret: 'e2e-secret-'.padEnd(40, 'x'), pollMs: 10_000, requestLogFlushMs: 60_000, lastUseFlushMs: 600_000, demoClients: false, ...input.auth },
    // tests run the dispatcher themselves (server.webhooks.dispatcher.runOnce()) against loopback receivers
    webhooks: { dispatcherEnabled: false, dispatcherThread: false, allowPrivate: true, ...input.webhooks },
    // tests report instances themselves (server.instances.report()) and record sign-in waits instead of waiting
    console: { instanceHeartbeatMs: 0, loginFailureDelayMs: 0, ...input.console },
  });

/** The real server (main.ts's buildServer) on `db` with the test configuration, not listening: drive it with `app.inject`. */
export const createTestServer = (db: Db, opts: { config?: ConfigInput; overrides?: BuildServerOverrides } = {}): Promise<Chartgate> =>
  buildServer(testConfig(opts.config), db, opts.overrides);

/** The same server listening on a free port. */
export async function startServer(db: Db, opts: { config?: ConfigInput; overrides?: BuildServerOverrides } = {}): Promise<StartedServer> {
  const server = await createTestServer(db, opts);
  const base = await server.listen();
  const url = `${base}/graphql`;
  return {
    server,
    base,
    url,
    post: (body, headers = {}) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) }),
    close: () => server.close(),
  };
}

export interface HarnessFixtures {
  /** a fresh, migrated, empty database of the suite's dialect, dropped after the test */
  fresh: FreshDb;
  db: Db;
  /** another Db (its own pools) on the test's database: what a second instance would have */
  secondConnection: (db: Db) => Promise<Db>;
  /** the request-context factory over `db` */
  contexts: RequestContextFactory;
  /** admin services acting as chartgate itself */
  admin: Services['clients'];
}

/**
 * The vitest fixtures of one dialect: `it('...', async ({ db, admin, contexts }) => ...)`.
 * Everything a test builds is released after it, in reverse order.
 */
export function harness(dialect: TestDialect) {
  return base.extend<HarnessFixtures>({
    // eslint-disable-next-line no-empty-pattern
    fresh: async ({}, use) => {
      const fresh = await dialect.freshDb();
      try {
        await use(fresh);
      } finally {
        await fresh.release();
      }
    },
    db: async ({ fresh }, use) => use(fresh.db),
    secondConnection: async ({ fresh }, use) => {
      const opened: Db[] = [];
      try {
        await use(async (db) => {
          if (db !== fresh.db) throw new Error("secondConnection: not this test's database");
          const second = await createDb(fresh.url ? { url: fresh.url } : { sqliteFile: fresh.sqliteFile });
          opened.push(second);
          return second;
        });
      } finally {
        for (const d of opened) await d.destroy();
      }
    },
    contexts: async ({ db }, use) => use(contextsFor(db)),
    admin: async ({ db }, use) => use(adminServicesOf(db)),
  });
}

export type HarnessIt = ReturnType<typeof harness>;

/** The dialect matrix as describe.each rows: `describe.each(matrix())('[%s] ...', (_name, dialect) => ...)`. */
export const matrix = (only?: TestDialect['name']) => dialects.filter((d) => !only || d.name === only).map((d) => [d.name, d] as const);
