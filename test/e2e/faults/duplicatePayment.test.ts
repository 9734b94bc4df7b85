import net from 'node:net';
import mysql from 'mysql2/promise';
import { describe, expect } from 'vitest';
import { loadConfig } from '../../../src/config/loadConfig.js';
import { createDb } from '../../../src/db/createDb.js';
import { openDb } from '../../../src/db/openDb.js';
import { harness, matrix, startServer } from '../../harness/harness.js';
import { waitForStatements } from '../../harness/waitForStatements.js';
import { paymentsNoted, payInput, payQuery, post, printFigures, seedFaultFixture } from '../support/faultFixture.js';

/** A port nothing listens on: connecting to it is refused at once, like a replica that is down. */
async function deadPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const codeOf = (r: { body: { errors?: Array<{ extensions?: Record<string, unknown> }> } }) => r.body.errors?.[0]?.extensions?.code;

/**
 * The duplicate-payment fault: a mutation commits, then its payload's nested fields fail to read
 * and the client retries under the same Idempotency-Key. The payload is read on the primary, so a
 * dead replica or a saturated reporting pool cannot fail it; and a failure after the commit never
 * releases the key, so its retry reads the payment back. MySQL only (replicas and pool limits).
 */
describe.each(matrix('mysql'))('[%s] duplicate payments under faults', (_name, dialect) => {
  const it = harness(dialect);

  it('a dead replica: reads fall back to the primary, three retries under one key make one payment', async ({ db, fresh }) => {
    const f = await seedFaultFixture(db);
    // the operator's setting, as the environment gives it
    const replicaDb = await openDb(loadConfig({ DATABASE_URL: fresh.url, READ_REPLICA_URL: `mysql://root@127.0.0.1:${await deadPort()}/nowhere` }));
    const app = await startServer(replicaDb);
    try {
      const answers = [];
      for (let i = 0; i < 3; i++)
        answers.push(await post(app.url, f.key, payQuery(), { input: payInput(f, 'replica-keyed') }, { 'idempotency-key': 'replica-1' }));
      const keyless = await post(app.url, f.key, payQuery(), { input: payInput(f, 'replica-keyless') });
      const read = await post(app.url, f.key, '{ clinics { name } }');
      const figures = {
        statuses: answers.map((a) => a.status).join(','),
        paymentsForOneKey: (await paymentsNoted(db, 'replica-keyed')).length,
        replayed: answers.filter((a) => a.headers.get('idempotent-replayed') === 'true').length,
        keylessStatus: keyless.status,
        readStatus: read.status,
      };
      printFigures('dead replica', figures);
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      expect(new Set(answers.map((a) => a.body.data.recordPayment.payment.id)).size).toBe(1);
      expect(figures.paymentsForOneKey).toBe(1);
      expect(figures.replayed).toBe(2);
      expect(keyless.status).toBe(200);
      expect(read.status).toBe(200);
      expect(read.body.data.clinics.length).toBeGreaterThan(0);
    } finally {
      await app.close();
      await replicaDb.destroy();
    }
  }, 120_000);

  it('OVERLOADED reporting pool after the commit: the payload reads on the primary, one payment per key', async ({ db, fresh }) => {
    const f = await seedFaultFixture(db);
    // one reporting connection and one waiting read: a third read is refused with OVERLOADED
    const smallDb = await createDb({ url: fresh.url, reportingPoolSize: 1, reportingQueueLimit: 1 });
    const app = await startServer(smallDb);
    const locker = await mysql.createConnection(fresh.url!);
    try {
      await locker.query('LOCK TABLES clinic WRITE');
      const held = [post(app.url, f.key, '{ clinics { name } }'), post(app.url, f.key, '{ clinics { name } }')];
      await waitForStatements(db, '%cg:listClinics%', 1);
      const refused = await post(app.url, f.key, '{ clinics { name } }');
      expect([refused.status, codeOf(refused)]).toEqual([503, 'OVERLOADED']);

      const answers = [];
      for (let i = 0; i < 3; i++)
        answers.push(await post(app.url, f.key, payQuery(), { input: payInput(f, 'overloaded-keyed') }, { 'idempotency-key': 'overloaded-1' }));
      const keyless = await post(app.url, f.key, payQuery(), { input: payInput(f, 'overloaded-keyless') });
      const stillRefused = await post(app.url, f.key, '{ clinics { name } }');
      await locker.query('UNLOCK TABLES');
      expect((await Promise.all(held)).map((r) => r.status)).toEqual([200, 200]);
      const figures = {
        statuses: answers.map((a) => a.status).join(','),
        paymentsForOneKey: (await paymentsNoted(db, 'overloaded-keyed')).length,
        keylessStatus: keyless.status,
        keylessPayments: (await paymentsNoted(db, 'overloaded-keyless')).length,
        readDuringOverload: String(codeOf(stillRefused)),
      };
      printFigures('OVERLOADED after the commit', figures);
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      expect(new Set(answers.map((a) => a.body.data.recordPayment.payment.id)).size).toBe(1);
      expect(figures.paymentsForOneKey).toBe(1);
      expect([keyless.status, figures.keylessPayments]).toEqual([200, 1]);
      expect(codeOf(stillRefused)).toBe('OVERLOADED');
    } finally {
      await locker.end();
      await app.close();
      await smallDb.destroy();
    }
  }, 120_000);

  it('a read that fails after the commit says the write committed: keyed, the retry reads the payment back; keyless, WRITE_UNCONFIRMED names it', async ({
    db,
    fresh,
  }) => {
    const f = await seedFaultFixture(db);
    const app = await startServer(db);
    const locker = await mysql.createConnection(fresh.url!);
    const withClinic = payQuery('clinic { name }');
    // the payload's clinic read waits on the lock after the payment committed; KILL QUERY fails it
    const failAfterCommit = async (headers: Record<string, string>, note: string) => {
      await locker.query('LOCK TABLES clinic WRITE');
      const pending = post(app.url, f.key, withClinic, { input: payInput(f, note) }, headers);
      await waitForStatements(db, '%cg:loadClinicsByIds%', 1);
      const [rows] = await locker.query<mysql.RowDataPacket[]>(
        "select ID from information_schema.PROCESSLIST where INFO like '%cg:loadClinicsByIds%' and ID <> connection_id()",
      );
      for (const r of rows) await locker.query(`KILL QUERY ${Number(r.ID)}`);
      const answer = await pending;
      await locker.query('UNLOCK TABLES');
      return answer;
    };
    try {
      const keyed = await failAfterCommit({ 'idempotency-key': 'after-commit-1' }, 'after-commit-keyed');
      // Payment.clinic is nullable: the payment comes back (200) with the failed field null and its error
      expect([keyed.status, codeOf(keyed), keyed.body.errors?.[0]?.extensions?.committed]).toEqual([200, 'QUERY_TIMEOUT', true]);
      const paid = await paymentsNoted(db, 'after-commit-keyed');
      expect(paid).toHaveLength(1);
      expect(keyed.body.data.recordPayment.payment).toMatchObject({ id: String(paid[0]), clinic: null });
      expect(keyed.body.errors?.[0]?.extensions).toMatchObject({ entity: 'Payment', id: String(paid[0]) });
      const retry = await post(app.url, f.key, withClinic, { input: payInput(f, 'after-commit-keyed') }, { 'idempotency-key': 'after-commit-1' });
      expect([retry.status, retry.headers.get('idempotent-replayed'), retry.body.data.recordPayment.payment.id]).toEqual([200, 'true', String(paid[0])]);

      const keyless = await failAfterCommit({}, 'after-commit-keyless');
      const keylessPaid = await paymentsNoted(db, 'after-commit-keyless');
      expect([keyless.status, codeOf(keyless)]).toEqual([200, 'WRITE_UNCONFIRMED']);
      expect(keyless.body.errors?.[0]?.extensions).toMatchObject({ committed: true, entity: 'Payment', id: String(keylessPaid[0]), reason: 'QUERY_TIMEOUT' });
      printFigures('failure after the commit', {
        keyedFirst: `${keyed.status} ${String(codeOf(keyed))}`,
        keyedRetry: retry.status,
        paymentsForOneKey: (await paymentsNoted(db, 'after-commit-keyed')).length,
        keyless: `${keyless.status} ${String(codeOf(keyless))}`,
      });
      expect(await paymentsNoted(db, 'after-commit-keyed')).toEqual(paid);
    } finally {
      await locker.end();
      await app.close();
    }
  }, 120_000);
});
