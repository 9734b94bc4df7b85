import type { Pool } from 'mysql2';
import { describe, expect, it } from 'vitest';
import { createFailoverPool } from '../../src/db/dialects/createFailoverPool.js';

/** A pool that answers each getConnection with the next scripted result. */
function scripted(name: string, results: Array<Error | null>) {
  const pool = {
    calls: 0,
    getConnection(cb: (err: Error | null, conn: unknown) => void) {
      const err = results[Math.min(pool.calls++, results.length - 1)]!;
      cb(err, err ? undefined : name);
    },
    end: (cb: (err: unknown) => void) => cb(null),
  };
  return pool;
}
const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
const get = (pool: ReturnType<typeof createFailoverPool>) =>
  new Promise<string>((resolve) => pool.getConnection((err, conn) => resolve(err ? `error: ${(err as Error).message}` : String(conn))));

describe('the reporting pool with a replica', () => {
  it('uses the primary while the replica is unreachable, tries the replica again after retryMs, and never moves a full queue to the primary', async () => {
    let now = 0;
    const replica = scripted('replica', [refused(), null, new Error('Queue limit reached.')]);
    const primary = scripted('primary', [null]);
    const pool = createFailoverPool(replica as unknown as Pool, primary as unknown as Pool, { retryMs: 5000, now: () => now });
    expect(await get(pool)).toBe('primary');
    now = 4999;
    expect(await get(pool)).toBe('primary');
    expect(replica.calls).toBe(1);
    now = 5000;
    expect(await get(pool)).toBe('replica');
    expect(await get(pool)).toBe('error: Queue limit reached.');
    expect(primary.calls).toBe(2);
  });
});
