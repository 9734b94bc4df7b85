import { describe, expect } from 'vitest';
import { harness, matrix } from '../../harness/harness.js';
import { printFigures, seedFaultFixture } from '../support/faultFixture.js';
import { FAULT_LOAD, loadFigures, runKeyedWriters, tallyPayments } from '../support/keyedWriters.js';
import { isAlive, spawnChartgate, type ChildChartgate } from '../support/spawnChartgate.js';

/** the server process is killed once this many writes were acknowledged */
const KILL_AFTER = 60;
const { writers: WRITERS, each: WRITES_EACH } = FAULT_LOAD;

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
    // set from the writers' callbacks
    const crash: { killed: { signal: NodeJS.Signals | null } | null; restarted: Promise<void> | null } = { killed: null, restarted: null };
    const restart = async () => {
      first.kill('SIGKILL');
      crash.killed = await first.exited;
      server = await spawnChartgate(env(fresh.url!));
    };

    try {
      const w = await runKeyedWriters(
        f,
        {
          url: () => server.url,
          onAcknowledged(count) {
            if (count === KILL_AFTER) crash.restarted = restart();
          },
          // the kill cut this request off: wait for the new process, then retry the same key
          onTransportError: () => crash.restarted ?? undefined,
        },
        FAULT_LOAD,
      );
      const tally = await tallyPayments(db, w.acknowledged);
      const figures = {
        ...loadFigures(w, tally),
        connectionsLost: w.transportErrors,
        killedBy: String(crash.killed?.signal),
        answers: JSON.stringify(Object.fromEntries(w.statuses)),
      };
      printFigures('kill -9 under 20 writers', figures);
      // the crash really happened mid-load: the first process died by SIGKILL and cut requests off
      expect(crash.killed).toMatchObject({ signal: 'SIGKILL' });
      expect(w.transportErrors).toBeGreaterThan(0);
      expect(figures).toMatchObject({ acknowledged: WRITERS * WRITES_EACH, acknowledgedLost: 0, duplicates: 0, fiveHundreds: 0, stuckKeys: 0 });
      expect(tally.payments).toBe(WRITERS * WRITES_EACH);
    } finally {
      if (isAlive(first.pid)) first.kill('SIGKILL');
      await crash.restarted?.catch(() => undefined);
      server.kill('SIGTERM');
      await server.exited;
    }
  }, 180_000);
});
