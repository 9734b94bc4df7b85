import { connect } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/loadConfig.js';
import { createSqlRunner } from '../../src/db/SqlRunner.js';
import type { ChartgateServer } from '../../src/http/createServer.js';
import { buildServer } from '../../src/main.js';
import { runSeed } from '../../src/db/runSeed.js';
import { ErrorCode } from '../../src/lib/ErrorCode.js';
import { dialects, type FreshDb } from '../harness/dialects.js';
import { adminService } from '../integration/auth/identityFixture.js';
import { codeOf, gql } from './identityServer.js';

const redisUrl = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? (process.env.CI ? 'redis://127.0.0.1:6379' : undefined);

const serverOn = (fresh: FreshDb, governor: Record<string, unknown> = {}) =>
  buildServer(parseConfig({
    env: 'test', logLevel: 'silent', http: { port: 0 },
    auth: { tokenSecret: 'x'.repeat(40), pollMs: 250, demoClients: false },
    governor,
  }), fresh.db);

describe.each(dialects)('governor across instances and connections [$name]', (dialect) => {
  let fresh: FreshDb;
  let key = '';
  beforeAll(async () => {
    fresh = await dialect.freshDb();
    await runSeed(fresh.db, { scale: 'demo', seed: 5 });
    const created = await adminService(fresh.db).create({
      name: 'shared-budget', kind: 'dashboard', scopes: ['patients:read'], limits: { budgetMaximum: 60, budgetRestorePerSecond: 1 },
    });
    key = created.key.key;
  }, 60_000);
  afterAll(() => fresh?.release());

  it.runIf(!!redisUrl)('with REDIS_URL two instances draw on one bucket per client', async () => {
    const a: ChartgateServer = await serverOn(fresh, { redisUrl });
    const b: ChartgateServer = await serverOn(fresh, { redisUrl });
    try {
      // buckets are namespaced by database: client ids repeat across practices sharing one Redis
      const doc = '{ patients(first: 40) { nodes { id } } }';
      const first = await gql(a.app, doc, { key });
      expect(first.status).toBe(200);
      const second = await gql(b.app, doc, { key });
      expect(codeOf(second)).toBe(ErrorCode.THROTTLED);
      expect(second.status).toBe(429);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it.runIf(dialect.name === 'mysql')('a client that hangs up has its statements killed (KILL QUERY by request id)', async () => {
    const server = await serverOn(fresh);
    const base = await server.listen();
    try {
      const requestId = `hangup${Date.now()}`;
      // a statement of that request, running on the reporting pool
      const runner = createSqlRunner(fresh.db, { clientId: 99, requestId });
      const started = performance.now();
      const statement = runner.read('slowForHangup', { compile: () => sql`select sleep(10) as s`.compile(fresh.db.reporting) } as never)
        .then(() => 'finished', (e: { code?: string }) => e.code);
      await new Promise((r) => setTimeout(r, 200));
      // the HTTP request announces a body it never sends, then the client goes away
      const { port } = new URL(base);
      const socket = connect(Number(port), '127.0.0.1');
      await new Promise<void>((r) => socket.once('connect', () => r()));
      socket.write(`POST /graphql HTTP/1.1\r\nHost: x\r\nX-Request-Id: ${requestId}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"q`);
      await new Promise((r) => setTimeout(r, 100));
      socket.destroy();
      expect(await statement).toBe(ErrorCode.QUERY_TIMEOUT);
      expect(performance.now() - started).toBeLessThan(2000);
    } finally {
      await server.close();
    }
  });
});
