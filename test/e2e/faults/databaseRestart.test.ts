import { describe, expect } from 'vitest';
import { createDb } from '../../../src/db/createDb.js';
import { harness, matrix, startServer } from '../../harness/harness.js';
import { adminService } from '../../integration/auth/identityFixture.js';
import { createTcpProxy } from '../support/createTcpProxy.js';
import { post, printFigures, seedFaultFixture } from '../support/faultFixture.js';
import { FAULT_LOAD, loadFigures, runKeyedWriters, tallyPayments } from '../support/keyedWriters.js';

/** the database goes away once this many writes were acknowledged */
const CUT_AFTER = 60;
const { writers: WRITERS, each: WRITES_EACH } = FAULT_LOAD;

/**
 * The database restarts under 20 writers, each paying under its own Idempotency-Key and
 * retrying every failure with the same key. The server reaches MariaDB through a TCP proxy the
 * test cuts once enough writes were acknowledged and restores once every writer has seen the
 * outage. Every acknowledged payment must exist, no key may pay twice, no answer may be a 500,
 * and every key must end acknowledged with no lease left behind.
 */
describe.each(matrix('mysql'))('[%s] database restart under load', (_name, dialect) => {
  const it = harness(dialect);

  it('20 writers through a restart: 0 acknowledged writes lost, 0 duplicates, 0 500s, 0 stuck keys', async ({ db, fresh }) => {
    const f = await seedFaultFixture(db);
    const ops = await adminService(db).create({ name: 'Ops', kind: 'internal', scopes: ['admin'] });
    const target = new URL(fresh.url!);
    const proxy = await createTcpProxy({ host: target.hostname, port: Number(target.port || 3306) });
    const proxied = new URL(fresh.url!);
    proxied.host = `127.0.0.1:${proxy.port}`;
    const viaProxy = await createDb({ url: proxied.toString() });
    const app = await startServer(viaProxy);

    let down = false;
    const duringOutage: Record<string, string> = {};
    const sawOutage = new Set<number>();
    let restore: () => void = () => {};
    const restored = new Promise<void>((resolve) => (restore = resolve));

    try {
      const w = await runKeyedWriters(
        f,
        {
          url: () => app.url,
          async onAcknowledged(count) {
            if (count !== CUT_AFTER) return;
            down = true;
            await proxy.cut();
          },
          async onRefused(writer) {
            if (!down) return;
            // every writer waits for the database once it has seen it gone; the last one brings it back
            sawOutage.add(writer);
            if (sawOutage.size === WRITERS) {
              // the integration log's paths while the database is away: its rows wait in memory, its reader answers 503
              duringOutage.logFlush = await app.server.requestLog!.flush().then(
                () => 'written',
                () => 'kept for later',
              );
              const log = await post(app.url, ops.key.key, '{ integrationLog(first: 1) { edges { node { status } } } }');
              duringOutage.logQuery = `${log.status} ${String(log.body.errors?.[0]?.extensions?.code)}`;
              down = false;
              await proxy.restore();
              restore();
            }
            await restored;
          },
        },
        FAULT_LOAD,
      );
      const tally = await tallyPayments(db, w.acknowledged);
      await app.server.requestLog!.flush();
      const logRows = await db.interactive.selectFrom('gw_request_log').select('request_id').where('key_id', '=', f.keyId).execute();
      const figures = {
        ...loadFigures(w, tally),
        transportErrors: w.transportErrors,
        logRowsLost: w.answers - logRows.length,
        answers: JSON.stringify(Object.fromEntries(w.statuses)),
        duringOutage: JSON.stringify(duringOutage),
      };
      printFigures('database restart under 20 writers', figures);
      // the outage really happened: writes were refused while the database was away
      expect(sawOutage.size).toBe(WRITERS);
      expect([...w.statuses.keys()].some((s) => s.startsWith('503'))).toBe(true);
      expect(figures).toMatchObject({
        acknowledged: WRITERS * WRITES_EACH,
        acknowledgedLost: 0,
        duplicates: 0,
        fiveHundreds: 0,
        stuckKeys: 0,
        transportErrors: 0,
        logRowsLost: 0,
      });
      expect(duringOutage).toEqual({ logFlush: 'kept for later', logQuery: '503 DATABASE_UNAVAILABLE' });
      expect(tally.payments).toBe(WRITERS * WRITES_EACH);
    } finally {
      await app.close();
      await viaProxy.destroy();
      await proxy.close();
    }
  }, 120_000);
});
