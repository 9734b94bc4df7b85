import { expect, it } from 'vitest';
import type { Db } from '../../src/db/createDb.js';
import { adminService } from '../integration/auth/identityFixture.js';
import { identityServer } from './identityServer.js';

const QUERY = JSON.stringify({ query: 'query Burst { viewer { client { id name } scopes } }', operationName: 'Burst' });

/** `amount` POSTs over `connections` concurrent keep-alive workers; requests per second. */
async function burst(url: string, key: string, amount: number, connections = 20) {
  let next = 0;
  let ok = 0;
  let failed = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < amount) {
        next++;
        const res = await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: QUERY,
        });
        await res.arrayBuffer();
        if (res.status === 200) ok++;
        else failed++;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return { rps: Math.round(amount / seconds), ok, failed };
}

/** 1,000 requests: one integration-log row each, and the throughput with and without the log. */
export function identityBurstCases(fresh: () => Promise<Db>, dialect: string) {
  it('a burst of 1,000 requests leaves 1,000 log rows; throughput with and without the log', { timeout: 120_000 }, async () => {
    const db = await fresh();
    const admin = adminService(db);
    const { client, key } = await admin.create({ name: 'burst', kind: 'dashboard', scopes: ['patients:read'] });
    const { client: client2, key: key2 } = await admin.create({ name: 'burst-nolog', kind: 'dashboard', scopes: ['patients:read'] });
    const withLog = await identityServer(db, { requestLogEnabled: true });
    const withoutLog = await identityServer(db, { requestLogEnabled: false });
    try {
      const urlWith = await withLog.listen();
      const urlWithout = await withoutLog.listen();
      await burst(urlWithout, key2.key, 200); // warm-up both paths
      await burst(urlWith, key2.key, 200);
      const off = await burst(urlWithout, key2.key, 1000);
      const on = await burst(urlWith, key.key, 1000);
      const off2 = await burst(urlWithout, key2.key, 1000);
      const on2 = await burst(urlWith, key.key, 1000);
      expect(on.ok + on2.ok).toBe(2000);
      expect(off.ok + off2.ok).toBe(2000);
      const rpsOn = (on.rps + on2.rps) / 2;
      const rpsOff = (off.rps + off2.rps) / 2;
      // speed targets live in benchmarks, not timed tests (shared machines): the figures are reported, not asserted
      console.log(`[request log ${dialect}] 1,000-request bursts, 20 connections: with log ${on.rps} / ${on2.rps} req/s, without log ${off.rps} / ${off2.rps} req/s (ratio ${(rpsOn / rpsOff).toFixed(2)})`);
      // give the writer its flush interval, then count
      await new Promise((r) => setTimeout(r, 300));
      await withLog.close();
      const rows = await db.interactive
        .selectFrom('gw_request_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('client_id', '=', client.id)
        .where('operation_name', '=', 'Burst')
        .where('status', '=', 200)
        .executeTakeFirstOrThrow();
      expect(Number(rows.n)).toBe(2000);
      const hashes = await db.interactive.selectFrom('gw_request_log').select('operation_hash').distinct().where('client_id', '=', client.id).execute();
      expect(hashes).toHaveLength(1);
      expect(hashes[0].operation_hash).toMatch(/^[0-9a-f]{64}$/);
      const other = await db.interactive
        .selectFrom('gw_request_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('client_id', '=', client2.id)
        .executeTakeFirstOrThrow();
      // client2's 200-request warm-up went through the logging server; its 2,000 later requests did not
      expect(Number(other.n)).toBe(200);
    } finally {
      await withLog.close().catch(() => undefined);
      await withoutLog.close();
    }
  });
}
