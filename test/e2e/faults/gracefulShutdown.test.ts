import { execFileSync } from 'node:child_process';
import mysql from 'mysql2/promise';
import { describe, expect } from 'vitest';
import { harness, matrix } from '../../harness/harness.js';
import { waitForStatements } from '../../harness/waitForStatements.js';
import { paymentsNoted, payInput, payQuery, post, printFigures, seedFaultFixture, type Posted } from '../support/faultFixture.js';
import { isAlive, spawnChartgate, type ChildChartgate } from '../support/spawnChartgate.js';

const IN_FLIGHT_WRITES = 10;
const IN_FLIGHT_READS = 10;

/**
 * SIGTERM under load, on a server process of its own (production mode, so Apollo's default
 * signal handler would be installed if chartgate left it on). Twenty requests are held in flight
 * by a table lock; the signal arrives; new requests answer 503 SHUTTING_DOWN; the lock is
 * released; every held request must be answered, the process must exit 0 by itself, and the
 * integration log (flushed only at shutdown here) must hold a row for every answered request.
 */
describe.each(matrix('mysql'))('[%s] graceful shutdown', (_name, dialect) => {
  const it = harness(dialect);

  it('SIGTERM with 20 requests in flight: all answered, new ones 503 SHUTTING_DOWN, exit 0, no log row lost', async ({ db, fresh }) => {
    const f = await seedFaultFixture(db);
    const locker = await mysql.createConnection(fresh.url!);
    let child: ChildChartgate | undefined;
    try {
      child = await spawnChartgate({
        DATABASE_URL: fresh.url!,
        DB_POOL_INTERACTIVE: '16',
        DB_POOL_REPORTING: '16',
        // ten reads of one client held at once: its connection share must hold them all
        GOVERNOR_CLIENT_CONNECTIONS: '16',
        // rows and last-use times are written only by the shutdown's flush
        REQUEST_LOG_FLUSH_MS: '60000',
        REQUEST_LOG_BATCH: '10000',
        AUTH_LAST_USE_FLUSH_MS: '600000',
      });
      const server = child;
      await locker.query('LOCK TABLES clinic WRITE');
      const held: Promise<Posted>[] = [
        ...Array.from({ length: IN_FLIGHT_WRITES }, (_, i) =>
          post(
            server.url,
            f.key,
            payQuery('clinic { name }'),
            { input: payInput(f, `sigterm-${i}`) },
            { 'idempotency-key': `sigterm-${i}`, 'x-request-id': `held-w${i}` },
          ),
        ),
        ...Array.from({ length: IN_FLIGHT_READS }, (_, i) => post(server.url, f.key, '{ clinics { name } }', {}, { 'x-request-id': `held-r${i}` })),
      ];
      await waitForStatements(db, '%cg:loadClinicsByIds%', IN_FLIGHT_WRITES);
      await waitForStatements(db, '%cg:listClinics%', IN_FLIGHT_READS);

      server.kill('SIGTERM');
      // requests that beat the signal are served; the first after it is refused
      let probes = 0;
      let refused: Posted | undefined;
      while (!refused) {
        const probe = await post(server.url, f.key, '{ __typename }', {}, { 'x-request-id': `probe-${probes++}` });
        if (probe.status !== 200) refused = probe;
      }
      await locker.query('UNLOCK TABLES');
      const answers = await Promise.all(held);
      const exit = await server.exited;

      const ids = [...Array.from({ length: IN_FLIGHT_WRITES }, (_, i) => `held-w${i}`), ...Array.from({ length: IN_FLIGHT_READS }, (_, i) => `held-r${i}`)];
      const answeredProbes = Array.from({ length: probes - 1 }, (_, i) => `probe-${i}`);
      const logged = await db.interactive
        .selectFrom('gw_request_log')
        .select('request_id')
        .where('request_id', 'in', [...ids, ...answeredProbes])
        .execute();
      const lastUse = await db.interactive.selectFrom('gw_api_key').select('last_used_at').where('id', '=', f.keyId).executeTakeFirstOrThrow();
      let paid = 0;
      for (let i = 0; i < IN_FLIGHT_WRITES; i++) paid += (await paymentsNoted(db, `sigterm-${i}`)).length;
      const figures = {
        inFlight: held.length,
        inFlightCompleted: answers.filter((a) => a.status === 200 && !a.body.errors).length,
        exitCode: String(exit.code ?? exit.signal),
        refusedDuringDrain: `${refused.status} ${String(refused.body.errors?.[0]?.extensions?.code)}`,
        logRowsLost: ids.length + answeredProbes.length - logged.length,
        paymentsWritten: paid,
      };
      printFigures('SIGTERM under load', figures);
      expect(figures).toEqual({
        inFlight: 20,
        inFlightCompleted: 20,
        exitCode: '0',
        refusedDuringDrain: '503 SHUTTING_DOWN',
        logRowsLost: 0,
        paymentsWritten: IN_FLIGHT_WRITES,
      });
      expect(refused.headers.get('connection')).toBe('close');
      expect(lastUse.last_used_at).not.toBeNull();
    } finally {
      await locker.end();
      if (child && isAlive(child.pid)) child.kill('SIGKILL');
    }
  }, 120_000);

  it('`npm start` passes SIGTERM on to the server: it stops, npm exits 0, nothing is left running', async ({ db, fresh }) => {
    await seedFaultFixture(db);
    // npm runs the built CLI (dist/, built by `npm ci` and `npm run build`)
    const npm = await spawnChartgate({ DATABASE_URL: fresh.url! }, ['npm', 'start', '--silent']);
    let serverPid = 0;
    try {
      // `exec` in the start script makes the server npm's own child, with no shell in between
      serverPid = Number(
        execFileSync('ps', ['-o', 'pid=', '--ppid', String(npm.pid)])
          .toString()
          .trim(),
      );
      const cmdline = execFileSync('ps', ['-o', 'args=', '-p', String(serverPid)]).toString();
      expect(cmdline).toMatch(/node .*bin\/chartgate\.js serve/);
      npm.kill('SIGTERM');
      const exit = await npm.exited;
      const orphaned = isAlive(serverPid) ? 1 : 0;
      printFigures('npm start SIGTERM', { npmExitCode: String(exit.code ?? exit.signal), orphanedServers: orphaned });
      expect([exit.code, orphaned]).toEqual([0, 0]);
    } finally {
      if (isAlive(npm.pid)) npm.kill('SIGKILL');
      if (serverPid > 0 && isAlive(serverPid)) process.kill(serverPid, 'SIGKILL');
    }
  }, 120_000);
});
