import type { HarnessIt } from '../../harness/harness.js';
import { expect } from 'vitest';
import { sql, type Compilable } from 'kysely';
import type { Db } from '../../../src/db/createDb.js';
import { createSqlRunner } from '../../../src/db/SqlRunner.js';
import { runningStatements, waitForStatements } from '../../harness/waitForStatements.js';
import { adminService, testIdentity } from './identityFixture.js';

/** A statement that runs for many minutes unless killed (no seed data needed; MySQL and MariaDB). */
const endless = (db: Db): Compilable<{ n: number }> => ({
  compile: () => sql<{ n: number }>`SELECT BENCHMARK(100000000000, SHA2('chartgate', 256)) AS n`.compile(db.reporting),
});
const sleep = (db: Db, seconds: number): Compilable<{ s: number }> => ({
  compile: () => sql<{ s: number }>`SELECT SLEEP(${sql.lit(seconds)}) AS s`.compile(db.reporting),
});

const running = (db: Db, marker: string) => runningStatements(db, `%${marker}%`);

/** MySQL/MariaDB only: the kill switch ends the suspended client's running statements. (How fast: benchmarks/scenarios/killSwitch.ts.) */
export function killSwitchCases(it: HarnessIt) {
  it(
    "a client suspended on another instance has its running query killed by this instance's next poll; another client's query finishes",
    { timeout: 30_000 },
    async ({ db }) => {
      const admin = adminService(db);
      const { client: slow } = await admin.create({ name: 'slow', kind: 'dashboard', scopes: ['reports:read'] });
      const { client: other } = await admin.create({ name: 'other', kind: 'dashboard', scopes: ['reports:read'] });
      // the instance that notices: its poller sees the change and runs KILL QUERY (the test drives the poll)
      const instance = testIdentity(db);
      await instance.start();
      try {
        // BENCHMARK answers 0 when interrupted and would otherwise run for many minutes: settling is the proof
        const slowSettled = createSqlRunner(db, { clientId: slow.id, requestId: 'slow-req' })
          .read('test.endless', endless(db))
          .then(
            () => 'settled',
            () => 'settled',
          );
        const otherQuery = createSqlRunner(db, { clientId: other.id, requestId: 'other-req' }).read('test.sleep', sleep(db, 2));
        await waitForStatements(db, `%c=${slow.id} %`, 1);
        await waitForStatements(db, `%c=${other.id} %`, 1);

        // suspended by hand on another instance (a plain UPDATE: no local KILL), so only the poller can end it
        await db.interactive.updateTable('gw_client').set({ status: 'suspended', suspended_reason: 'runaway report' }).where('id', '=', slow.id).execute();
        await instance.store.poll();
        expect(await slowSettled).toBe('settled');
        // the killed thread may linger a moment while it cleans up
        await waitForStatements(db, `%c=${slow.id} %`, 0);
        expect(await running(db, `c=${slow.id} `)).toBe(0);
        expect(await otherQuery).toEqual([{ s: 0 }]); // SLEEP returns 1 when interrupted
      } finally {
        await instance.stop();
      }
    },
  );

  it('suspending through the admin service ends the statements at once', { timeout: 30_000 }, async ({ db }) => {
    const admin = adminService(db);
    const { client } = await admin.create({ name: 'slow2', kind: 'dashboard', scopes: ['reports:read'] });
    const q = createSqlRunner(db, { clientId: client.id, requestId: 'slow2' })
      .read('test.endless', endless(db))
      .then(
        () => 'settled',
        () => 'settled',
      );
    await waitForStatements(db, `%c=${client.id} %`, 1);
    await admin.suspend(client.id, 'stop now');
    // the suspend call itself killed it: no poller runs in this test
    expect(await q).toBe('settled');
    await waitForStatements(db, `%c=${client.id} %`, 0);
    expect(await running(db, `c=${client.id} `)).toBe(0);
  });
}
