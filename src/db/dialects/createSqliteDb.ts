import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { DomainError } from '../../lib/DomainError.js';
import { ErrorCode } from '../../lib/ErrorCode.js';
import type { Db } from '../Db.js';
import type { Database } from '../tables.js';
import { sqliteSyntax } from './sqliteSyntax.js';

/** The embedded database. `create: false` refuses a missing file instead of making a new, empty one. */
export function createSqliteDb(file: string, opts: { create?: boolean } = {}): Db {
  if (file !== ':memory:') {
    if (opts.create === false && !existsSync(file)) {
      throw new DomainError(
        ErrorCode.DATABASE_UNAVAILABLE,
        `No database at ${resolve(file)}: run \`chartgate serve\` or \`chartgate migrate\` first, or set SQLITE_FILE / DATABASE_URL`,
      );
    }
    mkdirSync(dirname(file), { recursive: true });
  }
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
    syntax: sqliteSyntax,
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
    async sampleLoad() {
      const started = performance.now();
      await sql`/* cg:canary */ select 1`.execute(k);
      return { threadsRunning: null, replicaLagS: null, canaryMs: performance.now() - started };
    },
    destroy: () => k.destroy(),
  };
}
