import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, MysqlDialect, SqliteDialect, sql } from 'kysely';
import { createPool, type Pool, type PoolOptions } from 'mysql2';
import { DomainError } from '../lib/DomainError.js';
import { ErrorCode } from '../lib/ErrorCode.js';
import type { Db, Flavor } from './Db.js';
import { mapDbError } from './mapDbError.js';
import type { Database } from './tables.js';

export type { Db, DialectName, Flavor } from './Db.js';

export interface CreateDbOptions {
  /** mysql://user:pass@host:port/db — unset = embedded SQLite */
  url?: string;
  /** SQLite file (default ./data/chartgate.sqlite); ':memory:' works for one process */
  sqliteFile?: string;
  /** read replica for the reporting pool (default: the primary) */
  replicaUrl?: string;
  /** a SELECT-only account for the reporting pool (default: `url`); ignored when replicaUrl is set */
  readUrl?: string;
  /** interactive pool size (default 10) */
  interactivePoolSize?: number;
  /** reporting pool size (default 4): governed reads can never hold more connections than this */
  reportingPoolSize?: number;
  /** reporting requests allowed to wait for a connection (default 50); beyond it: OVERLOADED */
  reportingQueueLimit?: number;
}

export async function createDb(options: CreateDbOptions): Promise<Db> {
  return options.url ? createMysqlDb(options.url, options) : createSqliteDb(options.sqliteFile ?? './data/chartgate.sqlite');
}

function createSqliteDb(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const database = new SQLite(file);
  database.pragma('journal_mode = WAL');
  // WAL + NORMAL: no fsync per commit on the (synchronous) event loop; a crash loses at most the last commits, never the file
  database.pragma('synchronous = NORMAL');
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = OFF');
  const k = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  return {
    dialect: 'sqlite',
    flavor: 'sqlite',
    identity: file === ':memory:' ? `sqlite:memory:${process.pid}` : `sqlite:${resolve(file)}`,
    interactive: k,
    reporting: k,
    admin: k,
    killByMarker: async () => 0,
    ping: async () => {
      try {
        await sql`select 1`.execute(k);
      } catch (err) {
        throw new DomainError(ErrorCode.DATABASE_UNAVAILABLE, 'The database cannot be reached', { cause: err });
      }
    },
    destroy: () => k.destroy(),
  };
}

function poolOptions(url: string, connectionLimit: number, queueLimit = 0): PoolOptions {
  return {
    uri: url,
    connectionLimit,
    queueLimit,
    waitForConnections: true,
    // the same shapes as SQLite: strings for DATE/DATETIME/DECIMAL, UTC everywhere
    dateStrings: true,
    decimalNumbers: false,
    supportBigNumbers: true,
    bigNumberStrings: false,
    timezone: 'Z',
    enableKeepAlive: true,
    connectTimeout: 5000,
  };
}

function mysqlKysely(pool: Pool): Kysely<Database> {
  // a pool-level error (e.g. the server went away while idle) must never crash the process
  pool.on('connection', (conn) => conn.on('error', () => {}));
  return new Kysely<Database>({ dialect: new MysqlDialect({ pool }) });
}

async function createMysqlDb(url: string, o: CreateDbOptions): Promise<Db> {
  const interactivePool = createPool(poolOptions(url, o.interactivePoolSize ?? 10));
  const reportingPool = createPool(poolOptions(o.replicaUrl ?? o.readUrl ?? url, o.reportingPoolSize ?? 4, o.reportingQueueLimit ?? 50));
  // KILL QUERY must never wait behind the pools it is meant to relieve
  const controlPool = createPool(poolOptions(url, 1));
  const interactive = mysqlKysely(interactivePool);
  const reporting = mysqlKysely(reportingPool);
  const control = mysqlKysely(controlPool);

  let flavor: Flavor = 'mariadb';
  try {
    const { rows } = await sql<{ v: string }>`select version() as v`.execute(control);
    flavor = /mariadb/i.test(rows[0]?.v ?? '') ? 'mariadb' : 'mysql';
  } catch (err) {
    // start anyway: /readyz reports the outage and requests answer DATABASE_UNAVAILABLE until it returns
    void err;
  }

  return {
    dialect: 'mysql',
    flavor,
    identity: `mysql:${new URL(url).host}${new URL(url).pathname}`,
    interactive,
    reporting,
    admin: interactive,
    async killByMarker(marker) {
      const pattern = `%${marker.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const { rows } = await sql<{ ID: number }>`/* cg:killByMarker */ select ID from information_schema.PROCESSLIST
        where INFO like ${pattern} and ID <> connection_id() and COMMAND <> 'Sleep' and DB = database()`.execute(control);
      let killed = 0;
      for (const row of rows) {
        try {
          await sql`kill query ${sql.raw(String(Number(row.ID)))}`.execute(control);
          killed++;
        } catch {
          // the statement finished between the lookup and the kill
        }
      }
      return killed;
    },
    async ping() {
      try {
        await sql`/* cg:ping */ select 1`.execute(interactive);
      } catch (err) {
        const mapped = mapDbError(err);
        throw mapped instanceof DomainError ? mapped : new DomainError(ErrorCode.DATABASE_UNAVAILABLE, 'The database cannot be reached', { cause: err });
      }
    },
    async destroy() {
      await Promise.allSettled([interactive.destroy(), reporting.destroy(), control.destroy()]);
    },
  };
}
