import { afterEach } from 'vitest';
import { createDb, type Db } from '../../../src/db/createDb.js';
import type { FreshDb, TestDialect } from '../../harness/dialects.js';

/** A fresh migrated database per call, plus `secondConnection(db)`: another Db on the same database (a second instance). */
export interface FreshDbs {
  (): Promise<Db>;
  secondConnection(db: Db): Promise<Db>;
}

/** `fresh()` for the identity cases; everything is released after each test. */
export function freshDbs(dialect: TestDialect): FreshDbs {
  const owned: FreshDb[] = [];
  const extra: Db[] = [];
  afterEach(async () => {
    for (const d of extra.splice(0)) await d.destroy();
    for (const f of owned.splice(0)) await f.release();
  });
  const fresh = async () => {
    const f = await dialect.freshDb();
    owned.push(f);
    return f.db;
  };
  return Object.assign(fresh, {
    async secondConnection(db: Db) {
      const f = owned.find((o) => o.db === db);
      if (!f) throw new Error('not a database from this fresh()');
      const second = await createDb(f.url ? { url: f.url } : { sqliteFile: f.sqliteFile });
      extra.push(second);
      return second;
    },
  });
}
