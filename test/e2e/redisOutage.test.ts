import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ErrorCode } from '../../src/lib/ErrorCode.js';
import { adminServicesOf, createTestServer, matrix, seedDemo, type FreshDb } from '../harness/harness.js';
import { codeOf, gql } from './identityServer.js';
import { createTcpProxy, type TcpProxy } from './support/createTcpProxy.js';

const redisUrl = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? (process.env.CI ? 'redis://127.0.0.1:6379' : undefined);

/** Redis stopped mid-load (a proxy the test cuts): the governor degrades to per-instance state and never answers 500. */
describe.runIf(!!redisUrl).each(matrix())('Redis outage [%s]', (_name, dialect) => {
  let fresh: FreshDb;
  let proxy: TcpProxy;
  let key = '';
  beforeAll(async () => {
    fresh = await dialect.freshDb();
    await seedDemo(fresh.db, 6);
    key = (
      await adminServicesOf(fresh.db).create({
        name: 'through-outage',
        kind: 'dashboard',
        scopes: ['patients:read', 'schedule:read'],
        limits: { maxInFlight: 100 },
      })
    ).key.key;
    const target = new URL(redisUrl!);
    proxy = await createTcpProxy({ host: target.hostname, port: Number(target.port || 6379) });
  }, 60_000);
  afterAll(async () => {
    await proxy?.close();
    await fresh?.release();
  });

  const viaProxy = () => `redis://127.0.0.1:${proxy.port}`;
  const load = async (server: { app: Parameters<typeof gql>[0] }, n: number) => {
    const results = await Promise.all(Array.from({ length: n }, (_, i) => gql(server.app, `{ patients(first: ${1 + (i % 5)}) { nodes { id } } }`, { key })));
    return results.map((r) => r.status);
  };
  const ready = async (server: { app: Parameters<typeof gql>[0] }) => {
    const r = await server.app.inject({ method: 'GET', url: '/readyz' });
    return { status: r.statusCode, body: r.json() as { redis: string } };
  };

  it('fail open (the default): every request is answered from per-instance budgets, /readyz says Redis is down, and it recovers by itself', async () => {
    const server = await createTestServer(fresh.db, { config: { governor: { redisUrl: viaProxy() } } });
    try {
      expect((await ready(server)).body.redis).toBe('up');
      const before = load(server, 20);
      await proxy.cut();
      const during = await load(server, 20);
      const statuses = [...(await before), ...during];
      console.log(`[redis outage ${dialect.name}] fail open: ${statuses.length} requests, ${statuses.filter((s) => s >= 500).length} 5xx`);
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
      expect(during.every((s) => s === 200)).toBe(true);
      expect(await ready(server)).toEqual({ status: 200, body: expect.objectContaining({ redis: 'down', status: 'ready' }) });
      // the metrics have a listener of their own (METRICS_PORT), opened with the public one
      await server.listen();
      expect(await (await fetch(server.metrics.url()!)).text()).toMatch(/chartgate_redis_up 0/);
      await proxy.restore();
      await vi.waitFor(async () => expect((await ready(server)).body.redis).toBe('up'), { timeout: 10_000, interval: 50 });
      expect((await load(server, 5)).every((s) => s === 200)).toBe(true);
    } finally {
      await proxy.restore().catch(() => undefined);
      await server.close();
    }
  });

  it('fail closed: requests answer 503 OVERLOADED (never 500) and /readyz is 503 until Redis returns', async () => {
    const server = await createTestServer(fresh.db, { config: { governor: { redisUrl: viaProxy(), redisFailure: 'closed' } } });
    try {
      await proxy.cut();
      // the connection's loss is noticed asynchronously: readiness follows it
      await vi.waitFor(async () => expect((await ready(server)).status).toBe(503), { timeout: 10_000, interval: 20 });
      const r = await gql(server.app, '{ patients(first: 1) { nodes { id } } }', { key });
      expect(r.status).toBe(503);
      expect(codeOf(r)).toBe(ErrorCode.OVERLOADED);
      expect((await ready(server)).status).toBe(503);
      await proxy.restore();
      await vi.waitFor(async () => expect((await ready(server)).status).toBe(200), { timeout: 10_000, interval: 50 });
      expect((await gql(server.app, '{ patients(first: 1) { nodes { id } } }', { key })).status).toBe(200);
    } finally {
      await proxy.restore().catch(() => undefined);
      await server.close();
    }
  });
});
