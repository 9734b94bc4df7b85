import { sql } from 'kysely';
import { describe, expect } from 'vitest';
import { COLUMN_LENGTHS } from '../../../src/db/columnLengths.js';
import { harness, matrix } from '../../harness/harness.js';

/** The map the services take their input limits from is exactly what the migrations created. */
describe.each(matrix())('[%s] column lengths', (name, dialect) => {
  const it = harness(dialect);

  it('COLUMN_LENGTHS lists every VARCHAR column with its declared length', async ({ db }) => {
    const declared: Record<string, Record<string, number>> = {};
    if (name === 'mysql') {
      const rows = await sql<{ t: string; c: string; n: number }>`
        select TABLE_NAME as t, COLUMN_NAME as c, CHARACTER_MAXIMUM_LENGTH as n from information_schema.COLUMNS
        where TABLE_SCHEMA = database() and DATA_TYPE in ('varchar', 'char')`.execute(db.interactive);
      for (const r of rows.rows) (declared[r.t] ??= {})[r.c] = Number(r.n);
    } else {
      const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db.interactive);
      for (const { name: table } of tables.rows) {
        const cols = await sql<{ name: string; type: string }>`select name, type from pragma_table_info(${table})`.execute(db.interactive);
        for (const c of cols.rows) {
          const m = /^varchar\((\d+)\)$/i.exec(c.type);
          if (m) (declared[table] ??= {})[c.name] = Number(m[1]);
        }
      }
    }
    // the migrator's own bookkeeping tables are Kysely's, not ours
    delete declared.gw_migration;
    delete declared.gw_migration_lock;
    expect(declared).toEqual(COLUMN_LENGTHS);
  });
});
