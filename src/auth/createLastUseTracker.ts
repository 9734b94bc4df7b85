import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import type { SqlRunner } from '../db/SqlRunner.js';
import { toSqlDateTime } from '../lib/dates.js';

export interface LastUseTracker {
  /** Remembers that a key was used now; no database work on the request path. */
  touch(keyId: number, at: Date): void;
  /** Writes every remembered use in one transaction (also called by the timer and on stop). */
  flush(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

/**
 * gw_api_key.last_used_at without a write per request: uses are kept in a map (the latest time
 * per key) and written every `flushMs`, one UPDATE per key that was used, in one transaction.
 */
export function createLastUseTracker(deps: { db: Kysely<Database>; runner: SqlRunner; flushMs: number; onError?: (err: unknown) => void }): LastUseTracker {
  let pending = new Map<number, Date>();
  let timer: NodeJS.Timeout | null = null;

  const flush = async (): Promise<number> => {
    if (pending.size === 0) return 0;
    const batch = pending;
    pending = new Map();
    try {
      await deps.runner.transaction('auth.lastUse', async (trx) => {
        for (const [keyId, at] of batch) {
          await deps.runner.exec(trx, 'auth.lastUse', trx.updateTable('gw_api_key').set({ last_used_at: toSqlDateTime(at) }).where('id', '=', keyId));
        }
      });
    } catch (err) {
      // keep the uses for the next attempt unless newer ones arrived meanwhile
      for (const [k, at] of batch) if (!pending.has(k)) pending.set(k, at);
      throw err;
    }
    return batch.size;
  };

  return {
    touch(keyId, at) {
      if (keyId > 0) pending.set(keyId, at);
    },
    flush,
    start() {
      timer = setInterval(() => {
        flush().catch((err) => deps.onError?.(err));
      }, deps.flushMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await flush().catch((err) => deps.onError?.(err));
    },
  };
}
