import { sql } from 'kysely';
import { vi } from 'vitest';
import type { Db } from '../../src/db/Db.js';

/** Statements of this test's database whose text matches `pattern` (a LIKE pattern), other than the asking connection's own. */
export async function runningStatements(db: Db, pattern: string): Promise<number> {
  const { rows } = await sql<{
    ID: number;
  }>`select ID from information_schema.PROCESSLIST where INFO like ${pattern} and ID <> connection_id() and DB = database()`.execute(db.interactive);
  return rows.length;
}

/** Waits (polling the process list, not the clock) until exactly `count` statements match; fails after 10 s. */
export async function waitForStatements(db: Db, pattern: string, count: number): Promise<void> {
  await vi.waitFor(
    async () => {
      const n = await runningStatements(db, pattern);
      if (n !== count) throw new Error(`${n} statements match ${pattern}, waiting for ${count}`);
    },
    { timeout: 10_000, interval: 10 },
  );
}
