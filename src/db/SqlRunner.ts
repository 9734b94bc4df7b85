import { CompiledQuery, type Compilable, type Kysely, type QueryResult, type Transaction } from 'kysely';
import type { Db } from './Db.js';
import type { DialectSyntax } from './dialects/DialectSyntax.js';
import type { Database } from './tables.js';
import { mapDbError } from './mapDbError.js';
import { tagSql } from './tagSql.js';

export type PoolName = 'interactive' | 'reporting';

export interface StatementEvent {
  purpose: string;
  pool: PoolName;
  ms: number;
  rows: number;
  /** the statement failed (its time still counts) */
  failed: boolean;
  /** it failed because its deadline (or a KILL) stopped it */
  timedOut: boolean;
  /** the SQL text as sent (with its tag); lets benchmarks replay exactly what resolvers emit */
  sql: string;
  parameters: readonly unknown[];
}

export interface StatementObserver {
  onStatement(e: StatementEvent): void;
}

/** Every statement of a request goes through its runner: tagged, deadlined (reads), observed, errors mapped. */
export interface SqlRunner {
  /** the dialect of the statements this runner sends (locking reads differ) */
  readonly syntax: DialectSyntax;
  /** governed read on the reporting pool, with the request's deadline */
  read<R>(purpose: string, query: Compilable<R>): Promise<R[]>;
  /** small read on the interactive pool (auth, write validation) */
  readInteractive<R>(purpose: string, query: Compilable<R>): Promise<R[]>;
  /** any statement inside a transaction from `transaction()` */
  exec<R>(trx: Kysely<Database>, purpose: string, query: Compilable<R>): Promise<QueryResult<R>>;
  /** one transaction on the interactive pool (deadlocks and lock-wait timeouts retried) */
  transaction<T>(purpose: string, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T>;
  /**
   * Once the request's write has committed: its later reads (the payload's nested fields) run on
   * the primary, never a replica or the reporting pool, and every later failure goes through
   * `explain` (a committed write must not look safe to repeat). null while a further write of the
   * same request runs: its own failures stand.
   */
  afterCommit(explain: ((err: unknown) => unknown) | null): void;
}

export interface SqlRunnerOptions {
  clientId: number;
  /** the caller's correlation id, shown in the tag as r= */
  requestId: string;
  /** the server-generated kill marker, shown as k=; default: the request id (background work) */
  marker?: string;
  /** server-side deadline for governed reads; unset = none */
  deadlineMs?: number;
  observers?: readonly StatementObserver[];
  /**
   * Called before every statement: throws to stop a request mid-way (its client was just
   * suspended, it hung up). For a governed read it may wait for a database slot and return its
   * release, called with the statement's round trip when it finishes.
   */
  admit?: (pool: PoolName) => void | ((ms: number) => void) | Promise<((ms: number) => void) | void>;
  /** Called once a statement holds its pooled connection, just before it is sent: throws to stop a request that was stopped while the statement waited in the pool's queue. */
  onConnection?: () => void;
}

// MySQL 1213 deadlock and 1205 lock wait timeout roll the whole transaction back: safe to run it again
const RETRYABLE = new Set([1213, 1205]);
const TRANSACTION_ATTEMPTS = 3;

export function createSqlRunner(db: Db, opts: SqlRunnerOptions): SqlRunner {
  const observers = opts.observers ?? [];
  let explain: ((err: unknown) => unknown) | null = null;
  let primaryReads = false;
  const explained = (err: unknown) => (explain ? explain(err) : err);
  const tag = (purpose: string) => ({ purpose, clientId: opts.clientId, requestId: opts.requestId, marker: opts.marker ?? opts.requestId });
  const report = (e: StatementEvent) => {
    for (const o of observers) o.onStatement(e);
  };

  /** `held`: inside a transaction, whose connection is already in hand */
  async function run<R>(k: Kysely<Database>, pool: PoolName, purpose: string, query: Compilable<R>, deadlineMs?: number, held = false) {
    let release: ((ms: number) => void) | void;
    try {
      const admitted = opts.admit?.(pool);
      release = admitted instanceof Promise ? await admitted : admitted;
    } catch (err) {
      throw explained(err);
    }
    const compiled = query.compile();
    const text = tagSql(compiled.sql, tag(purpose), db.syntax, deadlineMs);
    const statement = CompiledQuery.raw(text, [...compiled.parameters]) as CompiledQuery<R>;
    const onConnection = opts.onConnection;
    let started = performance.now();
    let ms = 0;
    let sent = true;
    try {
      const result =
        held || !onConnection
          ? await k.executeQuery<R>(statement)
          : await k.connection().execute(async (c) => {
              // the wait in the pool's queue is not the statement's time, and a request stopped meanwhile never sends it
              sent = false;
              onConnection();
              sent = true;
              started = performance.now();
              return c.executeQuery<R>(statement);
            });
      ms = performance.now() - started;
      report({ purpose, pool, ms, rows: result.rows.length, failed: false, timedOut: false, sql: text, parameters: compiled.parameters });
      return result;
    } catch (err) {
      if (!sent) throw explained(err);
      ms = performance.now() - started;
      const mapped = mapDbError(err);
      const timedOut = (mapped as { code?: string }).code === 'QUERY_TIMEOUT';
      report({ purpose, pool, ms, rows: 0, failed: true, timedOut, sql: text, parameters: compiled.parameters });
      throw explained(mapped);
    } finally {
      release?.(ms);
    }
  }

  return {
    syntax: db.syntax,
    read: async (purpose, query) =>
      (primaryReads
        ? await run(db.interactive, 'interactive', purpose, query, opts.deadlineMs)
        : await run(db.reporting, 'reporting', purpose, query, opts.deadlineMs)
      ).rows,
    readInteractive: async (purpose, query) => (await run(db.interactive, 'interactive', purpose, query)).rows,
    exec: (trx, purpose, query) => run(trx, 'interactive', purpose, query, undefined, true),
    async transaction(_purpose, fn) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await db.interactive.transaction().execute(fn);
        } catch (err) {
          const errno = (err as { errno?: number }).errno;
          if (errno !== undefined && RETRYABLE.has(errno) && attempt < TRANSACTION_ATTEMPTS) continue;
          throw explained(mapDbError(err));
        }
      }
    },
    afterCommit(fn) {
      if (fn) primaryReads = true;
      explain = fn;
    },
  };
}

/** A runner for chartgate's own background statements (client 0), tagged with what they are for. */
export const systemRunner = (db: Db, name: string): SqlRunner => createSqlRunner(db, { clientId: 0, requestId: name });
