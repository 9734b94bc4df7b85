import { describe, expect } from 'vitest';
import { harness, matrix } from '../../harness/harness.js';
import { payInput, payQuery, post, printFigures, seedFaultFixture } from '../support/faultFixture.js';
import { isAlive, spawnChartgate, type ChildChartgate } from '../support/spawnChartgate.js';

const WRITERS = 20;
const WRITES_EACH = 10;
/** the server process is killed once this many writes were acknowledged */
const KILL_AFTER = 60;
/** a key still not acknowledged after this many tries counts as stuck */
const MAX_TRIES = 200;

/**
 * `kill -9` of the server process under 20 writers, each paying under its own Idempotency-Key
 * and retrying every failure with the same key. The writer whose answer makes the 60th
 * acknowledgement kills the process by PID and starts a new one; every other writer waits for
 * it once its connection is lost. Every acknowledged payment must exist, no key may pay twice,
 * no answer may be a 500, and every key must end acknowledged with no lease left behind (the
 * requests the kill cut off hold leases: their retries take them over once they expire).
 */
describe.each(matrix('mysql'))('[%s] a server crash under load', (_name, dialect) => {
  const it = harness(dialect);
  const env = (url: string) => ({ DATABASE_URL: url, IDEMPOTENCY_LEASE_MS: '1500' });

  it('kill -9 under 20 writers: 0 acknowledged writes lost, 0 duplicates, 0 500s, 0 stuck keys', async ({ db, fresh }) => {
    const f = await seedFaultFixture(db);
    let server: ChildChartgate = await spawnChartgate(env(fresh.url!));
    const first = server;
    const acknowledged = new Map<string, string>();
    const statuses = new Map<string, number>();
    const stuck: string[] = [];
    let fiveHundreds = 0;
    let connectionsLost = 0;
    // set from the writers' callbacks
    const crash: { killed: { signal: NodeJS.Signals | null } | null; restarted: Promise<void> | null } = { killed: null, restarted: null };

    const restart = async () => {
      first.kill('SIGKILL');
      crash.killed = await first.exited;
      server = await spawnChartgate(env(fresh.url!));
    };

    const writer = async (w: number) => {
      for (let i = 0; i < WRITES_EACH; i++) {
        const key = `w${w}-${i}`;
        for (let tries = 0; tries < MAX_TRIES && !acknowledged.has(key); tries++) {
          let answer;
          try {
            answer = await post(server.url, f.key, payQuery(), { input: payInput(f, key) }, { 'idempotency-key': key });
          } catch {
            // the kill cut this request off: wait for the new process, then retry the same key
            connectionsLost++;
            await crash.restarted;
            continue;
          }
          const code = String(answer.body.errors?.[0]?.extensions?.code ?? '');
          const status = `${answer.status} ${code}`.trim();
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if ((answer.status >= 500 && answer.status !== 503 && answer.status !== 504) || code === 'INTERNAL_SERVER_ERROR') fiveHundreds++;
          if (answer.status === 200 && !answer.body.errors) {
            acknowledged.set(key, answer.body.data.recordPayment.payment.id);
            if (acknowledged.size === KILL_AFTER) crash.restarted = restart();
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
      const figures = {
        writes: WRITERS * WRITES_EACH,
        acknowledged: acknowledged.size,
        acknowledgedLost: lost,
        duplicates,
        fiveHundreds,
        stuckKeys: stuck.length + leased.length,
        connectionsLost,
        killedBy: String(crash.killed?.signal),
        answers: JSON.stringify(Object.fromEntries(statuses)),
      };
      printFigures('kill -9 under 20 writers', figures);
      // the crash really happened mid-load: the first process died by SIGKILL and cut requests off
      expect(crash.killed).toMatchObject({ signal: 'SIGKILL' });
      expect(connectionsLost).toBeGreaterThan(0);
      expect(figures).toMatchObject({ acknowledged: WRITERS * WRITES_EACH, acknowledgedLost: 0, duplicates: 0, fiveHundreds: 0, stuckKeys: 0 });
      expect(rows).toHaveLength(WRITERS * WRITES_EACH);
    } finally {
      if (isAlive(first.pid)) first.kill('SIGKILL');
      await crash.restarted?.catch(() => undefined);
      server.kill('SIGTERM');
      await server.exited;
    }
  }, 180_000);
});
