import type { Kysely } from 'kysely';
import type { Database } from '../tables.js';

// SQLite's default SQLITE_MAX_VARIABLE_NUMBER is 32766; stay well under it. MySQL interpolates, so only packet size matters.
const MAX_PARAMS = 30_000;
const MAX_ROWS = 1_000;

/** Buffers rows per table and writes them as multi-row INSERTs; counts what it wrote. */
export interface RowSink {
  add<T extends keyof Database & string>(table: T, row: Record<string, unknown>): Promise<void>;
  flushAll(): Promise<void>;
  readonly counts: Readonly<Record<string, number>>;
}

export function createRowSink(db: Kysely<Database>, onFlush?: (table: string, total: number) => void): RowSink {
  const buffers = new Map<string, Record<string, unknown>[]>();
  const counts: Record<string, number> = {};

  async function flush(table: string) {
    const rows = buffers.get(table);
    if (!rows || rows.length === 0) return;
    buffers.set(table, []);
    await db
      .insertInto(table as keyof Database)
      .values(rows as never)
      .execute();
    counts[table] = (counts[table] ?? 0) + rows.length;
    onFlush?.(table, counts[table]!);
  }

  return {
    counts,
    async add(table, row) {
      let rows = buffers.get(table);
      if (!rows) buffers.set(table, (rows = []));
      rows.push(row);
      const limit = Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / Object.keys(row).length));
      if (rows.length >= limit) await flush(table);
    },
    async flushAll() {
      for (const table of buffers.keys()) await flush(table);
    },
  };
}
