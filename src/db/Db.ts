import type { Kysely } from 'kysely';
import type { DialectSyntax } from './dialects/DialectSyntax.js';
import type { Database } from './tables.js';

export type DialectName = 'mysql' | 'sqlite';
export type Flavor = 'mariadb' | 'mysql' | 'sqlite';

/** One reading of how busy the database is (the governor's strain sampler takes one every second or so). */
export interface DbLoad {
  /** SHOW GLOBAL STATUS Threads_running; null on SQLite */
  threadsRunning: number | null;
  /** seconds the replica is behind the primary; null without a replica */
  replicaLagS: number | null;
  /** the round trip of a tiny query on the control connection, ms */
  canaryMs: number;
}

/** One process's database handles (built once by the composition root, passed down). */
export interface Db {
  readonly dialect: DialectName;
  /** detected at start-up: decides how statement deadlines are written */
  readonly flavor: Flavor;
  /** the statement forms that differ by dialect (locking reads, deadlines) */
  readonly syntax: DialectSyntax;
  /** which database this is, without credentials (host/name or the SQLite file): namespaces shared state such as Redis keys */
  readonly identity: string;
  /** writes and small interactive reads */
  readonly interactive: Kysely<Database>;
  /** governed reads (a replica when READ_REPLICA_URL is set); capped so it cannot starve `interactive` */
  readonly reporting: Kysely<Database>;
  /** gateway bookkeeping (clients, logs); the interactive pool unless configured otherwise */
  readonly admin: Kysely<Database>;
  /** KILL QUERY every statement whose text contains `marker` (e.g. 'r=<requestId> '); 0 on SQLite */
  killByMarker(marker: string): Promise<number>;
  /** throws DomainError(DATABASE_UNAVAILABLE) when the database does not answer */
  ping(): Promise<void>;
  /** reads the database's load on a connection of its own (never queued behind the pools); throws when it cannot */
  sampleLoad(): Promise<DbLoad>;
  destroy(): Promise<void>;
}
