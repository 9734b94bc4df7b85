import { describe, expect } from 'vitest';
import { createDb } from '../../../src/db/createDb.js';
import { harness, matrix, startServer } from '../../harness/harness.js';
import { adminService } from '../../integration/auth/identityFixture.js';
import { createTcpProxy } from '../support/createTcpProxy.js';
import { payInput, payQuery, post, printFigures, seedFaultFixture } from '../support/faultFixture.js';

const WRITERS = 20;
const WRITES_EACH = 10;
/** the database goes away once this many writes were acknowledged */
const CUT_AFTER = 60;
/** a key still not acknowledged after this many tries counts as stuck */
const MAX_TRIES = 200;

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

    const acknowledged = new Map<string, string>();
    const statuses = new Map<string, number>();
    const stuck: string[] = [];
    let fiveHundreds = 0;
    let transportErrors = 0;
    let down = false;
    let answers = 0;
    const duringOutage: Record<string, string> = {};
    const sawOutage = new Set<number>();
    let restore: () => void = () => {};
    const restored = new Promise<void>((resolve) => (restore = resolve));

    const writer = async (w: number) => {
      for (let i = 0; i < WRITES_EACH; i++) {
        const key = `w${w}-${i}`;
        let tries = 0;
        for (; tries < MAX_TRIES && !acknowledged.has(key); tries++) {
          let answer;
          try {
            answer = await post(app.url, f.key, payQuery(), { input: payInput(f, key) }, { 'idempotency-key': key });
          } catch {
            transportErrors++;
            continue;
          }
          answers++;
          const code = String(answer.body.errors?.[0]?.extensions?.code ?? '');
          statuses.set(`${answer.status} ${code}`.trim(), (statuses.get(`${answer.status} ${code}`.trim()) ?? 0) + 1);
          if (answer.status >= 500 && answer.status !== 503 && answer.status !== 504) fiveHundreds++;
          if (code === 'INTERNAL_SERVER_ERROR') fiveHundreds++;
          if (answer.status === 200 && !answer.body.errors) {
            acknowledged.set(key, answer.body.data.recordPayment.payment.id);
            if (acknowledged.size === CUT_AFTER) {
              down = true;
              await proxy.cut();
            }
          } else if (down) {
            // every writer waits for the database once it has seen it gone; the last one brings it back
            sawOutage.add(w);
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
          }
        }
        if (!acknowledged.has(key)) stuck.push(key);
      }
    };

    try {
      await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
      const rows = await db.interactive.selectFrom('payment').select(['PayNum', 'PayNote']).where('PayNote', 'like', 'w%').execute();
      const byNote = new Map<string, number[]>();
      for (const r of rows) byNote.set(r.PayNote, [...(byNote.get(r.PayNote) ?? []), Number(r.PayNum)]);
      const lost = [...acknowledged].filter(([key, id]) => !(byNote.get(key) ?? []).includes(Number(id))).length;
      const duplicates = [...byNote.values()].reduce((n, ids) => n + ids.length - 1, 0);
      const leased = await db.interactive.selectFrom('gw_idempotency').select('idem_key').where('lease_token', 'is not', null).execute();
      await app.server.requestLog!.flush();
      const logRows = await db.interactive.selectFrom('gw_request_log').select('request_id').where('key_id', '=', f.keyId).execute();
      const figures = {
        writes: WRITERS * WRITES_EACH,
        acknowledged: acknowledged.size,
        acknowledgedLost: lost,
        duplicates,
        fiveHundreds,
        stuckKeys: stuck.length + leased.length,
        transportErrors,
        logRowsLost: answers - logRows.length,
        answers: JSON.stringify(Object.fromEntries(statuses)),
        duringOutage: JSON.stringify(duringOutage),
      };
      printFigures('database restart under 20 writers', figures);
      // the outage really happened: writes were refused while the database was away
      expect(sawOutage.size).toBe(WRITERS);
      expect([...statuses.keys()].some((s) => s.startsWith('503'))).toBe(true);
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
      expect(rows).toHaveLength(WRITERS * WRITES_EACH);
    } finally {
      await app.close();
      await viaProxy.destroy();
      await proxy.close();
    }
  }, 120_000);
});
