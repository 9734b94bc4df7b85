import mysql from 'mysql2/promise';
import { describe, expect } from 'vitest';
import { harness, matrix } from '../../harness/harness.js';
import { waitForStatements } from '../../harness/waitForStatements.js';
import { paymentsNoted, payInput, payQuery, post, printFigures, seedFaultFixture } from '../support/faultFixture.js';
import { isAlive, spawnChartgate, type ChildChartgate } from '../support/spawnChartgate.js';

/**
 * `kill -9` of a server process in the middle of a keyed payment, then the retry on a new
 * process. The test stops the request where it wants it with a table lock (the payload's clinic
 * read after the commit, or the split insert before it), waits for that statement in the process
 * list, and kills the process by PID: no timing guesses. MariaDB/MySQL only.
 */
describe.each(matrix('mysql'))('[%s] a server crash between commit and response', (_name, dialect) => {
  const it = harness(dialect);
  // a short lease, so the retry of a request that died before committing takes its key over within its own wait
  const env = (url: string) => ({ DATABASE_URL: url, IDEMPOTENCY_LEASE_MS: '1500', DB_POOL_REPORTING: '8' });

  async function crashDuring(url: string, key: string, lockTable: string, note: string, f: Awaited<ReturnType<typeof seedFaultFixture>>) {
    const locker = await mysql.createConnection(url);
    let child: ChildChartgate | undefined;
    try {
      child = await spawnChartgate(env(url));
      await locker.query(`LOCK TABLES ${lockTable} WRITE`);
      const lost = post(child.url, f.key, payQuery('clinic { name }'), { input: payInput(f, note) }, { 'idempotency-key': key }).then(
        () => 'answered',
        () => 'connection lost',
      );
      return { child, locker, lost };
    } catch (e) {
      await locker.end();
      child?.kill('SIGKILL');
      throw e;
    }
  }

  it('killed after the commit: the retry on a new process returns the same payment, written once', async ({ db, fresh }) => {
    const f = await seedFaultFixture(db);
    const { child, locker, lost } = await crashDuring(fresh.url!, 'crash-after', 'clinic', 'crash-after', f);
    let second: ChildChartgate | undefined;
    try {
      await waitForStatements(db, '%cg:loadClinicsByIds%', 1);
      const [committed] = await db.interactive.selectFrom('gw_idempotency').select(['outcome', 'lease_token']).where('idem_key', '=', 'crash-after').execute();
      expect(committed?.outcome).not.toBeNull();
      child.kill('SIGKILL');
      const exit = await child.exited;
      expect([exit.signal, await lost]).toEqual(['SIGKILL', 'connection lost']);
      await locker.query('UNLOCK TABLES');

      second = await spawnChartgate(env(fresh.url!));
      const retry = await post(second.url, f.key, payQuery('clinic { name }'), { input: payInput(f, 'crash-after') }, { 'idempotency-key': 'crash-after' });
      const paid = await paymentsNoted(db, 'crash-after');
      const figures = {
        retryStatus: retry.status,
        replayed: String(retry.headers.get('idempotent-replayed')),
        payments: paid.length,
        duplicates: paid.length - 1,
        stuckKeys: retry.status === 200 ? 0 : 1,
        acknowledgedLost: retry.status === 200 && paid.includes(Number(retry.body.data.recordPayment.payment.id)) ? 0 : 1,
      };
      printFigures('kill -9 after the commit', figures);
      expect([retry.status, figures.replayed]).toEqual([200, 'true']);
      expect(retry.body.data.recordPayment.payment).toMatchObject({ id: String(paid[0]), note: 'crash-after' });
      expect(figures).toMatchObject({ payments: 1, duplicates: 0, stuckKeys: 0, acknowledgedLost: 0 });
    } finally {
      await locker.end();
      if (isAlive(child.pid)) child.kill('SIGKILL');
      second?.kill('SIGTERM');
      await second?.exited;
    }
  }, 120_000);

  it('killed before the commit: nothing was written, the retry takes the key over once its lease expires and pays once', async ({ db, fresh }) => {
    const f = await seedFaultFixture(db);
    const { child, locker, lost } = await crashDuring(fresh.url!, 'crash-before', 'paysplit', 'crash-before', f);
    let second: ChildChartgate | undefined;
    try {
      await waitForStatements(db, '%cg:billing.pay.split%', 1);
      child.kill('SIGKILL');
      expect((await child.exited).signal).toBe('SIGKILL');
      expect(await lost).toBe('connection lost');
      await locker.query('UNLOCK TABLES');
      // the dead connection's transaction rolls back: its payment never commits
      await waitForStatements(db, '%cg:billing.pay.split%', 0);

      second = await spawnChartgate(env(fresh.url!));
      const retry = await post(second.url, f.key, payQuery('clinic { name }'), { input: payInput(f, 'crash-before') }, { 'idempotency-key': 'crash-before' });
      const paid = await paymentsNoted(db, 'crash-before');
      const leased = await db.interactive.selectFrom('gw_idempotency').select('idem_key').where('lease_token', 'is not', null).execute();
      const figures = {
        retryStatus: retry.status,
        replayed: String(retry.headers.get('idempotent-replayed')),
        payments: paid.length,
        duplicates: Math.max(0, paid.length - 1),
        stuckKeys: (retry.status === 200 ? 0 : 1) + leased.length,
      };
      printFigures('kill -9 before the commit', figures);
      expect([retry.status, figures.replayed]).toEqual([200, 'null']);
      expect(retry.body.data.recordPayment.payment).toMatchObject({ id: String(paid[0]), note: 'crash-before' });
      expect(figures).toMatchObject({ payments: 1, duplicates: 0, stuckKeys: 0 });
    } finally {
      await locker.end();
      if (isAlive(child.pid)) child.kill('SIGKILL');
      second?.kill('SIGTERM');
      await second?.exited;
    }
  }, 120_000);
});
