import type { HarnessIt } from '../harness/harness.js';
import { expect } from 'vitest';
import { adminService } from '../integration/auth/identityFixture.js';
import { identityServer } from './identityServer.js';

const QUERY = JSON.stringify({ query: 'query Burst { viewer { client { id name } scopes } }', operationName: 'Burst' });

/** `amount` POSTs over `connections` concurrent keep-alive workers; how many succeeded. */
async function burst(url: string, key: string, amount: number, connections = 20) {
  let next = 0;
  let ok = 0;
  let failed = 0;
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
  return { ok, failed };
}

/** 1,000-request bursts: one integration-log row each (the log's cost in throughput is a benchmark figure). */
export function identityBurstCases(it: HarnessIt) {
  it('a burst of 1,000 requests leaves 1,000 log rows; a server without the log writes none', { timeout: 120_000 }, async ({ db }) => {
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
      // closing flushes what the writer still holds
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
