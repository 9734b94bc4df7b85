import { Kysely, MysqlDialect, sql, type MysqlPool } from 'kysely';
import { createPool, type Pool, type PoolOptions } from 'mysql2';
import { DomainError } from '../../lib/DomainError.js';
import { ErrorCode } from '../../lib/ErrorCode.js';
import type { Db } from '../Db.js';
import { mapDbError } from '../mapDbError.js';
import type { Database } from '../tables.js';
import { createFailoverPool } from './createFailoverPool.js';
import { findStatements, killStatements } from './killStatements.js';
import { mysqlSyntax } from './mysqlSyntax.js';

export interface MysqlDbOptions {
  /** read replica for the reporting pool (default: the primary) */
  replicaUrl?: string;
  /** a SELECT-only account for the reporting pool (default: `url`); with a replica, the account its fallback on the primary uses */
  readUrl?: string;
  /** interactive pool size (default 10) */
  interactivePoolSize?: number;
  /** reporting pool size (default 4): governed reads can never hold more connections than this */
  reportingPoolSize?: number;
  /** reporting requests allowed to wait for a connection (default 50); beyond it: OVERLOADED */
  reportingQueueLimit?: number;
  /** with a replica: how long reads use the primary's reporting pool after the replica could not be reached (default 5000 ms) */
  replicaRetryMs?: number;
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

function guarded(pool: Pool): Pool {
  // a pool-level error (e.g. the server went away while idle) must never crash the process
  pool.on('connection', (conn) => conn.on('error', () => {}));
  return pool;
}

const mysqlKysely = (pool: MysqlPool): Kysely<Database> => new Kysely<Database>({ dialect: new MysqlDialect({ pool }) });

/** MySQL/MariaDB: interactive and reporting pools, and a one-connection control pool for KILL QUERY. */
export async function createMysqlDb(url: string, o: MysqlDbOptions = {}): Promise<Db> {
  const interactive = mysqlKysely(guarded(createPool(poolOptions(url, o.interactivePoolSize ?? 10))));
  const reportingPool = (u: string) => guarded(createPool(poolOptions(u, o.reportingPoolSize ?? 4, o.reportingQueueLimit ?? 50)));
  // a lost replica moves governed reads to the primary's own capped reporting pool until it answers again
  const reporting = mysqlKysely(
    o.replicaUrl
      ? createFailoverPool(reportingPool(o.replicaUrl), reportingPool(o.readUrl ?? url), { retryMs: o.replicaRetryMs ?? 5000 })
      : reportingPool(o.readUrl ?? url),
  );
  // KILL QUERY and the load probe must never wait behind the pools they are meant to relieve
  const control = mysqlKysely(guarded(createPool(poolOptions(url, 1))));
  const replicaControl = o.replicaUrl ? mysqlKysely(guarded(createPool(poolOptions(o.replicaUrl, 1)))) : null;

  let flavor: 'mariadb' | 'mysql' = 'mariadb';
  try {
    const { rows } = await sql<{ v: string }>`/* cg:version */ select version() as v`.execute(control);
    flavor = /mariadb/i.test(rows[0]?.v ?? '') ? 'mariadb' : 'mysql';
  } catch {
    // start anyway: /readyz reports the outage and requests answer DATABASE_UNAVAILABLE until it returns
  }
  const where = new URL(url);

  return {
    dialect: 'mysql',
    flavor,
    syntax: mysqlSyntax(flavor),
    identity: `mysql:${where.host}${where.pathname}`,
    interactive,
    reporting,
    admin: interactive,
    async killByMarker(marker) {
      return killStatements(control, await findStatements(control, flavor, marker));
    },
    async ping() {
      try {
        await sql`/* cg:ping */ select 1`.execute(interactive);
      } catch (err) {
        const mapped = mapDbError(err);
        throw mapped instanceof DomainError ? mapped : new DomainError(ErrorCode.DATABASE_UNAVAILABLE, 'The database cannot be reached', { cause: err });
      }
    },
    async sampleLoad() {
      const started = performance.now();
      await sql`/* cg:canary */ select 1`.execute(control);
      const canaryMs = performance.now() - started;
      const { rows } = await sql<{ Value: string }>`/* cg:load */ show global status like 'Threads_running'`.execute(control);
      let replicaLagS: number | null = null;
      if (replicaControl) {
        const status = await sql<Record<string, unknown>>`/* cg:replicaLag */ show slave status`.execute(replicaControl);
        const lag = status.rows[0]?.Seconds_Behind_Master;
        // a replica that reports no lag figure has stopped replicating: count it as far behind
        replicaLagS = status.rows.length === 0 ? null : lag == null ? Number.POSITIVE_INFINITY : Number(lag);
      }
      return { threadsRunning: Number(rows[0]?.Value ?? 0), replicaLagS, canaryMs };
    },
    async destroy() {
      await Promise.allSettled([interactive.destroy(), reporting.destroy(), control.destroy(), ...(replicaControl ? [replicaControl.destroy()] : [])]);
    },
  };
}
