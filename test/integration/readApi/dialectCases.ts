import type { Db } from '../../../src/db/createDb.js';
import { dialects } from '../../harness/dialects.js';

/** A fresh, migrated, empty database of one dialect. */
export interface TestDatabase {
  db: Db;
  destroy(): Promise<void>;
}

export interface DialectCase {
  name: string;
  create(): Promise<TestDatabase>;
}

/** The harness's dialect matrix (SQLite always, MySQL when TEST_MYSQL_URL answers) in the read API tests' shape. */
export function dialectCases(): DialectCase[] {
  return dialects.map((d) => ({
    name: d.name,
    async create() {
      const fresh = await d.freshDb();
      return { db: fresh.db, destroy: () => fresh.release() };
    },
  }));
}
