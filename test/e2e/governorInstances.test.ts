import { connect } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { waitForStatements } from '../harness/waitForStatements.js';
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../../src/context.js';
import { createSqlRunner } from '../../src/db/SqlRunner.js';
import type { ChartgateServer } from '../../src/http/createServer.js';
import { createTestServer, seedDemo } from '../harness/harness.js';
import { ErrorCode } from '../../src/lib/ErrorCode.js';
import { dialects, type FreshDb } from '../harness/dialects.js';
import { adminService } from '../integration/auth/identityFixture.js';
import { codeOf, gql } from './identityServer.js';

const redisUrl = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? (process.env.CI ? 'redis://127.0.0.1:6379' : undefined);

const serverOn = (fresh: FreshDb, governor: Record<string, unknown> = {}, plugins: ApolloServerPlugin<RequestContext>[] = []) =>
  createTestServer(fresh.db, { config: { governor }, overrides: { plugins } });

describe.each(dialects)('governor across instances and connections [$name]', (dialect) => {
  let fresh: FreshDb;
  let key = '';
  beforeAll(async () => {
    fresh = await dialect.freshDb();
    await seedDemo(fresh.db, 5);
    const created = await adminService(fresh.db).create({
      name: 'shared-budget',
      kind: 'dashboard',
      scopes: ['patients:read'],
      limits: { budgetMaximum: 60, budgetRestorePerSecond: 1 },
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

  it.runIf(dialect.name === 'mysql')('a client that hangs up has its statements killed (KILL QUERY by its server-generated marker)', async () => {
    // a request whose resolution runs a long statement tagged with the request's own marker
    let statement: Promise<string> | undefined;
    const slow: ApolloServerPlugin<RequestContext> = {
      async requestDidStart() {
        return {
          async didResolveOperation({ contextValue: ctx }) {
            const runner = createSqlRunner(fresh.db, { clientId: ctx.principal.clientId, requestId: ctx.requestId, marker: ctx.marker });
            statement = runner.read('slowForHangup', { compile: () => sql`select sleep(30) as s`.compile(fresh.db.reporting) } as never).then(
              () => 'finished',
              (e: { code?: string }) => e.code ?? 'failed',
            );
            await statement;
          },
        };
      },
    };
    const server = await serverOn(fresh, {}, [slow]);
    const base = await server.listen();
    try {
      const { port } = new URL(base);
      const socket = connect(Number(port), '127.0.0.1');
      await new Promise<void>((r) => socket.once('connect', () => r()));
      const body = JSON.stringify({ query: '{ patients(first: 1) { nodes { id } } }' });
      socket.write(
        `POST /graphql HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${key}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
      await waitForStatements(fresh.db, '%cg:slowForHangup%', 1);
      socket.destroy();
      // SLEEP(30) interrupted by the hang-up: the test's timeout would fail it otherwise
      await vi.waitFor(() => expect(statement).toBeDefined());
      expect(await statement).toBe(ErrorCode.QUERY_TIMEOUT);
    } finally {
      await server.close();
    }
  });
});
