import { afterEach } from 'vitest';
import type { Db } from '../../../src/db/createDb.js';
import type { FreshDb, TestDialect } from '../../harness/dialects.js';

/** `fresh()` for the identity cases: a new migrated database per call, released after each test. */
export function freshDbs(dialect: TestDialect): () => Promise<Db> {
  const owned: FreshDb[] = [];
  afterEach(async () => {
    for (const f of owned.splice(0)) await f.release();
  });
  return async () => {
    const f = await dialect.freshDb();
    owned.push(f);
    return f.db;
  };
}
