import type { LastUseWriter } from '../gateway/identity/createLastUseWriter.js';

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
 * per key) and written every `flushMs` (0 = no timer: flush() on demand and at stop).
 */
export function createLastUseTracker(deps: { write: LastUseWriter; flushMs: number; onError?: (err: unknown) => void }): LastUseTracker {
  let pending = new Map<number, Date>();
  let timer: NodeJS.Timeout | null = null;

  const flush = async (): Promise<number> => {
    if (pending.size === 0) return 0;
    const batch = pending;
    pending = new Map();
    try {
      await deps.write(batch);
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
      if (deps.flushMs <= 0) return;
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
