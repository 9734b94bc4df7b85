import { expect, it } from 'vitest';
import { sql, type Compilable } from 'kysely';
import type { Db } from '../../../src/db/createDb.js';
import { createSqlRunner } from '../../../src/db/SqlRunner.js';
import { adminService, testIdentity } from './identityFixture.js';

/** A statement that runs for many minutes unless killed (no seed data needed; MySQL and MariaDB). */
const endless = (db: Db): Compilable<{ n: number }> => ({
  compile: () => sql<{ n: number }>`SELECT BENCHMARK(100000000000, SHA2('chartgate', 256)) AS n`.compile(db.reporting),
});
const sleep = (db: Db, seconds: number): Compilable<{ s: number }> => ({
  compile: () => sql<{ s: number }>`SELECT SLEEP(${sql.lit(seconds)}) AS s`.compile(db.reporting),
});

async function running(db: Db, marker: string): Promise<number> {
  // this test's database only: other suites' clients share small ids on the same server
  const rows = await sql<{ ID: number }>`SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE ${`%${marker}%`} AND ID <> CONNECTION_ID() AND DB = DATABASE()`.execute(db.interactive);
  return rows.rows.length;
}

/** MySQL/MariaDB only: the kill switch ends the suspended client's running statements. */
export function killSwitchCases(fresh: () => Promise<Db>) {
  it('a suspended client\'s running query leaves the process list within a second; another client\'s query finishes', { timeout: 30_000 }, async () => {
    const db = await fresh();
    const admin = adminService(db);
    const { client: slow } = await admin.create({ name: 'slow', kind: 'dashboard', scopes: ['reports:read'] });
    const { client: other } = await admin.create({ name: 'other', kind: 'dashboard', scopes: ['reports:read'] });
    // the instance that notices: its poller sees the change and runs KILL QUERY
    const instance = testIdentity(db, { pollMs: 250 });
    await instance.start();
    try {
      const slowQuery = createSqlRunner(db, { clientId: slow.id, requestId: 'slow-req' }).read('test.endless', endless(db));
      // BENCHMARK answers 0 when interrupted and would otherwise run for many minutes: settling is the proof
      const slowSettled = slowQuery.then(
        () => Date.now(),
        () => Date.now(),
      );
      const otherQuery = createSqlRunner(db, { clientId: other.id, requestId: 'other-req' }).read('test.sleep', sleep(db, 2));
      const deadline = Date.now() + 5000;
      while ((await running(db, `c=${slow.id} `)) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(await running(db, `c=${slow.id} `)).toBe(1);

      // suspended by hand on another instance (a plain UPDATE: no local KILL), so only the poller can end it
      const t0 = Date.now();
      await db.interactive.updateTable('gw_client').set({ status: 'suspended', suspended_reason: 'runaway report' }).where('id', '=', slow.id).execute();
      while ((await running(db, `c=${slow.id} `)) > 0 && Date.now() - t0 < 3000) await new Promise((r) => setTimeout(r, 20));
      const gone = Date.now() - t0;
      console.log(`[kill switch mysql] suspended client's statement left the process list after ${gone} ms`);
      expect(await running(db, `c=${slow.id} `)).toBe(0);
      expect(gone).toBeLessThan(1000);
      expect((await slowSettled) - t0).toBeLessThan(1000);
      expect(await otherQuery).toEqual([{ s: 0 }]); // SLEEP returns 1 when interrupted
    } finally {
      await instance.stop();
    }
  });

  it('suspending through the admin service ends the statements at once', { timeout: 30_000 }, async () => {
    const db = await fresh();
    const admin = adminService(db);
    const { client } = await admin.create({ name: 'slow2', kind: 'dashboard', scopes: ['reports:read'] });
    const q = createSqlRunner(db, { clientId: client.id, requestId: 'slow2' })
      .read('test.endless', endless(db))
      .then(
        () => Date.now(),
        () => Date.now(),
      );
    const deadline = Date.now() + 5000;
    while ((await running(db, `c=${client.id} `)) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const t0 = Date.now();
    await admin.suspend(client.id, 'stop now');
    expect((await q) - t0).toBeLessThan(1000);
    // the killed thread may linger a few milliseconds while it cleans up: it must be gone within the second
    while ((await running(db, `c=${client.id} `)) > 0 && Date.now() - t0 < 1000) await new Promise((r) => setTimeout(r, 20));
    expect(await running(db, `c=${client.id} `)).toBe(0);
  });
}
