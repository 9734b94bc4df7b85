import { createConnection } from 'mysql2/promise';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DbLoad } from '../../src/db/Db.js';
import { ErrorCode } from '../../src/lib/ErrorCode.js';
import type { Chartgate } from '../../src/main.js';
import { adminServicesOf, createTestServer, matrix, seedDemo, type FreshDb } from '../harness/harness.js';
import { runningStatements, waitForStatements } from '../harness/waitForStatements.js';
import { codeOf, gql } from './identityServer.js';

const READ = ['patients:read', 'schedule:read', 'clinical:read', 'billing:read', 'reports:read'];
const redisUrl = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? (process.env.CI ? 'redis://127.0.0.1:6379' : undefined);

/** The governor's second half: cost settles on database time, fair shares, strain, RateLimit headers, the kill switch across instances. */
describe.each(matrix())('admission and settlement [%s]', (_name, dialect) => {
  let fresh: FreshDb;
  beforeAll(async () => {
    fresh = await dialect.freshDb();
    await seedDemo(fresh.db, 4);
  }, 60_000);
  afterAll(() => fresh?.release());

  const client = async (name: string, extra: Record<string, unknown> = {}) =>
    (await adminServicesOf(fresh.db).create({ name, kind: 'dashboard', scopes: READ, ...extra })).key.key;

  it('the actual cost is the larger of the objects returned and the database time, and the bucket settles on it', async () => {
    // a scan that returns nothing: almost free by objects, not by the database's work
    const key = await client('scanner', { limits: { budgetMaximum: 1_000_000, budgetRestorePerSecond: 1, maxCost: 1_000_000 } });
    const server = await createTestServer(fresh.db, { config: { governor: { dbPointsPerMs: 1000 } } });
    try {
      const scan = '{ procedures(status: [DELETED], first: 500) { nodes { id } } }';
      const r = await gql(server.app, scan, { key });
      expect(r.status).toBe(200);
      const cost = r.body.extensions!.cost;
      expect(cost.objectCost).toBeLessThanOrEqual(2);
      expect(cost.databaseMs).toBeGreaterThan(0);
      // 1000 points per millisecond: the database's share dominates (databaseMs is reported to 0.001 ms)
      expect(Math.abs(cost.actualQueryCost - cost.databaseMs * 1000)).toBeLessThanOrEqual(1);
      expect(cost.actualQueryCost).toBeGreaterThan(cost.objectCost);
      // the bucket was debited the estimate, then settled to the actual cost (one point a second restores meanwhile)
      expect(Math.abs(cost.throttleStatus.currentlyAvailable - (1_000_000 - cost.actualQueryCost))).toBeLessThanOrEqual(2);
      await server.requestLog!.flush();
      const row = await fresh.db.interactive.selectFrom('gw_request_log').select(['cost']).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
      expect(Number(row.cost)).toBe(cost.actualQueryCost);
    } finally {
      await server.close();
    }
  });

  it('a query dearer than the whole bucket is QUERY_TOO_COMPLEX (limit budget), not THROTTLED for ever; measure mode reports its real cost', async () => {
    const key = await client('small-bucket', { limits: { budgetMaximum: 100 } });
    const measured = await client('small-bucket-measure', { mode: 'measure', limits: { budgetMaximum: 100 } });
    const server = await createTestServer(fresh.db);
    try {
      const big = '{ appointments(first: 200) { nodes { id patient { id } } } }';
      const r = await gql(server.app, big, { key });
      expect(codeOf(r)).toBe(ErrorCode.QUERY_TOO_COMPLEX);
      expect(r.status).toBe(400);
      expect(r.body.errors![0]!.extensions).toMatchObject({ limit: 'budget', maximum: 100 });
      expect(r.body.errors![0]!.extensions!.value).toBe(1 + 200 * 2);
      const m = await gql(server.app, '{ appointments(first: 200) { nodes { id } } a: clinics { id } b: clinics { id } }', { key: measured, headers: {} });
      expect(m.status).toBe(200);
      expect(m.body.extensions!.cost.requestedQueryCost).toBe(1 + 200 + 20 + 20);
      expect(m.body.extensions!.governor.wouldReject).toMatchObject({ code: ErrorCode.QUERY_TOO_COMPLEX, limit: 'budget' });
    } finally {
      await server.close();
    }
  });

  it('every response carries RateLimit-Policy and RateLimit in cost points; THROTTLED adds Retry-After', async () => {
    const key = await client('headers', { limits: { budgetMaximum: 60, budgetRestorePerSecond: 1 } });
    const server = await createTestServer(fresh.db);
    try {
      const first = await server.app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        payload: { query: '{ patients(first: 40) { nodes { id } } }' },
      });
      expect(first.headers['ratelimit-policy']).toBe('"cost";q=60;w=60;qu="cost-points", "inflight";q=8;qu="concurrent-requests"');
      expect(String(first.headers.ratelimit)).toMatch(/^"cost";r=\d+;t=\d+$/);
      const second = await server.app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        payload: { query: '{ patients(first: 40) { nodes { id } } }' },
      });
      expect(second.statusCode).toBe(429);
      expect(Number(second.headers['retry-after'])).toBeGreaterThan(0);
      expect(String(second.headers.ratelimit)).toMatch(/^"cost";r=\d+;t=\d+$/);
      // back before its Retry-After: refused before the document is parsed (this one would not parse), and told again when to come back
      const early = await server.app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        payload: { query: '{ patients(first: ' },
      });
      expect(early.statusCode).toBe(429);
      expect(early.json().errors[0].extensions).toMatchObject({ code: ErrorCode.THROTTLED, limit: 'retryAfter' });
      expect(Number(early.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });

  it('under injected strain bulk work is refused before it starts and reporting restores slowly; both relax when the strain passes', async () => {
    const bulk = await client('exporter', { class: 'bulk' });
    const reporting = await client('dashboard-under-strain');
    let load: DbLoad = { threadsRunning: 1, replicaLagS: null, canaryMs: 1 };
    const server = await createTestServer(fresh.db, { config: { governor: { strainIntervalMs: 600_000 } }, overrides: { loadProbe: async () => load } });
    const q = '{ clinics { id } }';
    try {
      expect((await gql(server.app, q, { key: bulk })).status).toBe(200);
      const calm = await gql(server.app, q, { key: reporting });
      expect(calm.body.extensions!.governor).toMatchObject({ class: 'reporting', strain: 0 });
      const calmRestore = calm.body.extensions!.cost.throttleStatus.restoreRate;

      load = { threadsRunning: 40, replicaLagS: null, canaryMs: 250 };
      await server.governor.strain.sample();
      const refused = await gql(server.app, q, { key: bulk });
      expect(codeOf(refused)).toBe(ErrorCode.OVERLOADED);
      expect(refused.status).toBe(503);
      const strained = await gql(server.app, q, { key: reporting });
      expect(strained.status).toBe(200);
      expect(strained.body.extensions!.governor.strain).toBe(1);
      expect(strained.body.extensions!.cost.throttleStatus.restoreRate).toBeLessThan(calmRestore);

      load = { threadsRunning: 1, replicaLagS: null, canaryMs: 1 };
      for (let i = 0; i < 8; i++) await server.governor.strain.sample(); // strain halves per healthy sample
      expect((await gql(server.app, q, { key: bulk })).status).toBe(200);
      expect((await gql(server.app, q, { key: reporting })).body.extensions!.cost.throttleStatus.restoreRate).toBe(calmRestore);
    } finally {
      await server.close();
    }
  });

  it('a failed strain reading counts as strain, not as health', async () => {
    const bulk = await client('exporter-2', { class: 'bulk' });
    const server = await createTestServer(fresh.db, {
      config: { governor: { strainIntervalMs: 600_000 } },
      overrides: {
        loadProbe: async () => {
          throw new Error('the database does not answer the probe');
        },
      },
    });
    try {
      await server.governor.strain.sample();
      expect(codeOf(await gql(server.app, '{ clinics { id } }', { key: bulk }))).toBe(ErrorCode.OVERLOADED);
    } finally {
      await server.close();
    }
  });

  it.runIf(dialect.name === 'mysql')('a statement stopped by its deadline is charged its whole deadline', async () => {
    const key = await client('impatient-settle', { limits: { statementTimeoutMs: 150, budgetMaximum: 100_000, budgetRestorePerSecond: 1 } });
    const server = await createTestServer(fresh.db);
    const locker = await createConnection({ uri: fresh.url! });
    await locker.query('LOCK TABLES procedurelog WRITE');
    try {
      const r = await gql(server.app, '{ procedures(first: 5) { nodes { id } } }', { key });
      expect(codeOf(r)).toBe(ErrorCode.QUERY_TIMEOUT);
      expect(r.body.extensions!.cost.databaseMs).toBeGreaterThanOrEqual(150);
      expect(r.body.extensions!.cost.actualQueryCost).toBeGreaterThanOrEqual(150);
    } finally {
      await locker.query('UNLOCK TABLES');
      await locker.end();
      await server.close();
    }
  });

  it.runIf(dialect.name === 'mysql')(
    'one client cannot take the reporting pool: past its connection cap its statements wait in chartgate while another client is served',
    async () => {
      const hog = await client('hog', { limits: { maxConnections: 1, maxInFlight: 6 } });
      const other = await client('neighbour');
      const server = await createTestServer(fresh.db);
      const base = await server.listen();
      const locker = await createConnection({ uri: fresh.url! });
      await locker.query('LOCK TABLES procedurelog WRITE');
      try {
        const post = (key: string, query: string) =>
          fetch(`${base}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
            body: JSON.stringify({ query }),
          });
        const hogId = (await gql(server.app, '{ viewer { client { id } } }', { key: hog })).body.data.viewer.client.id;
        const stuck = Array.from({ length: 5 }, (_, i) => post(hog, `{ procedures(first: ${i + 1}) { nodes { id } } }`));
        await waitForStatements(fresh.db, `%c=${hogId} %`, 1);
        // the neighbour's read reaches the database and finishes while the hog's four others wait their turn
        const served = await post(other, '{ clinics { id } }');
        expect(served.status).toBe(200);
        expect(await runningStatements(fresh.db, `%c=${hogId} %`)).toBe(1);
        expect(server.governor.scheduler.state().byClass.reporting.queued).toBe(4);
        await locker.query('UNLOCK TABLES');
        expect((await Promise.all(stuck)).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      } finally {
        await locker.query('UNLOCK TABLES').catch(() => undefined);
        await locker.end();
        await server.close();
      }
    },
  );

  it.runIf(dialect.name === 'mysql')(
    "kill markers are the server's own: a second client sending the same X-Request-Id and hanging up leaves the first client's statement alone",
    async () => {
      const first = await client('marker-first');
      const second = await client('marker-second');
      const server = await createTestServer(fresh.db);
      const base = await server.listen();
      const locker = await createConnection({ uri: fresh.url! });
      await locker.query('LOCK TABLES procedurelog WRITE');
      try {
        const firstId = (await gql(server.app, '{ viewer { client { id } } }', { key: first })).body.data.viewer.client.id;
        const victim = fetch(`${base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${first}`, 'x-request-id': 'shared-id-1' },
          body: JSON.stringify({ query: '{ procedures(first: 3) { nodes { id } } }' }),
        });
        await waitForStatements(fresh.db, `%c=${firstId} %`, 1);
        // the second client runs into the same lock with the same request id, then hangs up
        const socket = connect(Number(new URL(base).port), '127.0.0.1');
        await new Promise<void>((r) => socket.once('connect', () => r()));
        const body = JSON.stringify({ query: '{ procedures(first: 4) { nodes { id } } }' });
        socket.write(
          `POST /graphql HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${second}\r\nX-Request-Id: shared-id-1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
        );
        await waitForStatements(fresh.db, '%r=shared-id-1 %', 2);
        socket.destroy();
        await waitForStatements(fresh.db, '%r=shared-id-1 %', 1);
        expect(await runningStatements(fresh.db, `%c=${firstId} %`)).toBe(1);
        await locker.query('UNLOCK TABLES');
        expect((await victim).status).toBe(200);
      } finally {
        await locker.query('UNLOCK TABLES').catch(() => undefined);
        await locker.end();
        await server.close();
      }
    },
  );

  it.runIf(!!redisUrl)('a suspension on instance A reaches instance B over Redis without waiting for its poll, and B drops the client at once', async () => {
    const admin = (await adminServicesOf(fresh.db).create({ name: 'admin-kill', kind: 'internal', scopes: ['admin', ...READ] })).key.key;
    const target = await client('target-kill');
    // polls far apart: only the Redis event can tell B in time
    const config = { governor: { redisUrl }, auth: { pollMs: 10_000 } };
    const a: Chartgate = await createTestServer(fresh.db, { config });
    const b: Chartgate = await createTestServer(fresh.db, { config });
    try {
      expect((await gql(b.app, '{ viewer { client { id } } }', { key: target })).status).toBe(200);
      const id = (await gql(b.app, '{ viewer { client { id } } }', { key: target })).body.data.viewer.client.id;
      const s = await gql(a.app, `mutation { suspendClient(input: { clientId: "${id}", reason: "drill" }) { client { status } } }`, { key: admin });
      expect(s.body.data.suspendClient.client.status).toBe('SUSPENDED');
      await vi.waitFor(async () => expect(codeOf(await gql(b.app, '{ viewer { client { id } } }', { key: target }))).toBe(ErrorCode.CLIENT_SUSPENDED), {
        timeout: 5000,
        interval: 10,
      });
    } finally {
      await a.close();
      await b.close();
    }
  });
});
