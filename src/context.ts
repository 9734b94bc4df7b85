import type { SecurityLogAppender } from './audit/SecurityLog.js';
import type { Principal } from './auth/Principal.js';
import type { Db } from './db/Db.js';
import { createSqlRunner, type StatementEvent, type StatementObserver } from './db/SqlRunner.js';
import type { IdempotencyStore } from './gateway/idempotency/IdempotencyStore.js';
import { newRequestWrites, type RequestWrites } from './gateway/idempotency/RequestWrites.js';
import { createLoaders, type Loaders } from './loaders/createLoaders.js';
import type { AdminDeps } from './services/clients/ClientsDeps.js';
import { createServices, type Services } from './services/createServices.js';
import { DomainError } from './lib/DomainError.js';
import { ErrorCode } from './lib/ErrorCode.js';

/** What one request's statements and the governor measured; the integration log and metrics read it. */
export interface RequestStats {
  statements: number;
  rows: number;
  /** statement time in ms, by pool */
  dbMs: { interactive: number; reporting: number };
  /** the governor's figures once it has settled the request */
  cost: { requested: number; actual: number; databaseMs: number } | null;
  /** sha256 of the operation's canonical document, once the governor has read it (certified operations are stored by it) */
  operationHash: string | null;
}

/** Everything one GraphQL request carries. Resolvers read only `services` and `loaders`. */
export interface RequestContext {
  /** the correlation id (the caller's X-Request-Id when plain, else a UUID) */
  requestId: string;
  /** the server-generated, unguessable marker its statements carry, for KILL QUERY */
  marker: string;
  principal: Principal;
  services: Services;
  loaders: Loaders;
  stats: RequestStats;
  /** the Idempotency-Key claim (set by the HTTP edge before execution) and what the write committed */
  writes: RequestWrites;
}

/** What a per-process part (governor, kill switch, metrics) adds to each request's statements. */
export interface RequestPart {
  /** a server-side deadline for governed reads; the tightest one given wins */
  deadlineMs?: number;
  observer?: StatementObserver;
  /** before every statement: throws to stop the request (e.g. its client was just suspended) */
  admit?: () => void;
  /** before a governed read: takes a database slot (the governor's fair share), waiting for one when none is free, and returns its release */
  acquire?: (signal: AbortSignal | undefined) => ((ms: number) => void) | Promise<(ms: number) => void>;
}

/**
 * Contributes a part to each request, from its principal (and the stats it may read); may throw a
 * DomainError to refuse the request before anything runs (the governor sheds bulk work under strain).
 */
export type RequestContributor = (principal: Principal, stats: RequestStats) => RequestPart | undefined;

export interface RequestContextDeps {
  db: Db;
  admin: AdminDeps;
  /** the installation's keyed security log (src/audit/SecurityLog.ts) */
  securityLog: SecurityLogAppender;
  contributors?: readonly RequestContributor[];
  /** records a write's outcome under its Idempotency-Key (the gateway's store); unset: keys cannot be claimed */
  recordOutcome?: IdempotencyStore['record'];
  /** the services' clock; default () => new Date() */
  clock?: () => Date;
}

export interface RequestIdentity {
  principal: Principal;
  requestId: string;
  /** default: the request id (tests and background work, where nobody else chooses ids) */
  marker?: string;
  /** aborted when the caller hangs up: no further statement of the request starts */
  signal?: AbortSignal;
}

export type RequestContextFactory = (who: RequestIdentity) => RequestContext;

const newStats = (): RequestStats => ({ statements: 0, rows: 0, dbMs: { interactive: 0, reporting: 0 }, cost: null, operationHash: null });

// a statement its deadline stopped is charged the whole deadline: it held the database that long
const statsObserver = (stats: RequestStats, deadlineMs: number | undefined): StatementObserver => ({
  onStatement(e: StatementEvent) {
    stats.statements++;
    stats.rows += e.rows;
    stats.dbMs[e.pool] += e.timedOut && deadlineMs !== undefined && e.pool === 'reporting' ? Math.max(e.ms, deadlineMs) : e.ms;
  },
});

const cancelled = () => new DomainError(ErrorCode.QUERY_TIMEOUT, 'The request was cancelled');

/**
 * The one factory of request contexts: runner (tagged, deadlined, observed, admitted), services,
 * loaders and stats, from the principal and the request id. The HTTP edge and the tests both use it.
 */
export function createRequestContextFactory(deps: RequestContextDeps): RequestContextFactory {
  const contributors = deps.contributors ?? [];
  return ({ principal, requestId, marker = requestId, signal }) => {
    const stats = newStats();
    const parts = contributors.map((c) => c(principal, stats)).filter((p): p is RequestPart => p !== undefined);
    const deadlines = parts.map((p) => p.deadlineMs).filter((d): d is number => d !== undefined);
    const deadlineMs = deadlines.length > 0 ? Math.min(...deadlines) : undefined;
    const checks = parts.map((p) => p.admit).filter((a): a is () => void => a !== undefined);
    const acquire = parts.find((p) => p.acquire)?.acquire;
    const check = () => {
      if (signal?.aborted) throw cancelled();
      for (const c of checks) c();
    };
    const runner = createSqlRunner(deps.db, {
      clientId: principal.clientId,
      requestId,
      marker,
      deadlineMs,
      observers: [statsObserver(stats, deadlineMs), ...parts.map((p) => p.observer).filter((o): o is StatementObserver => o !== undefined)],
      admit(pool) {
        check();
        if (!acquire || pool !== 'reporting') return;
        const slot = acquire(signal);
        // a free slot is taken without a promise (the common case); a waiting one is checked again when it is granted
        if (!(slot instanceof Promise)) return slot;
        return slot.then((release) => {
          // the client may have been switched off (or hung up) while the statement waited
          try {
            check();
          } catch (error) {
            release(0);
            throw error;
          }
          return release;
        });
      },
      onConnection: check,
    });
    const writes = newRequestWrites();
    const services = createServices({
      db: deps.db,
      runner,
      principal,
      requestId,
      clock: deps.clock,
      admin: deps.admin,
      writes,
      recordOutcome: deps.recordOutcome,
      securityLog: deps.securityLog,
    });
    return { requestId, marker, principal, services, loaders: createLoaders(services), stats, writes };
  };
}
