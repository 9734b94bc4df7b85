import type { Db } from './Db.js';
import { createMysqlDb, type MysqlDbOptions } from './dialects/createMysqlDb.js';
import { createSqliteDb } from './dialects/createSqliteDb.js';

export type { Db, DialectName, Flavor } from './Db.js';

export interface CreateDbOptions extends MysqlDbOptions {
  /** mysql://user:pass@host:port/db; unset = embedded SQLite */
  url?: string;
  /** SQLite file (default ./data/chartgate.sqlite); ':memory:' works for one process */
  sqliteFile?: string;
  /** SQLite: make the file when it is missing (default true); commands that only read or administer pass false */
  create?: boolean;
}

/** The practice database: MySQL/MariaDB when `url` is set, else the embedded SQLite file. */
export async function createDb(options: CreateDbOptions): Promise<Db> {
  return options.url ? createMysqlDb(options.url, options) : createSqliteDb(options.sqliteFile ?? './data/chartgate.sqlite', { create: options.create });
}
