import type { SecurityLogAppender } from './audit/SecurityLog.js';
import type { Principal } from './auth/Principal.js';
import type { Db } from './db/Db.js';
import { createSqlRunner, type StatementEvent, type StatementObserver } from './db/SqlRunner.js';
import { createLoaders, type Loaders } from './loaders/createLoaders.js';
import type { AdminDeps } from './services/clients/ClientsDeps.js';
import { createServices, type Services } from './services/createServices.js';

/** What one request's statements and the governor measured; the integration log and metrics read it. */
export interface RequestStats {
  statements: number;
  rows: number;
  /** statement time in ms, by pool */
  dbMs: { interactive: number; reporting: number };
  /** the governor's figures once it has priced the request */
  cost: { requested: number; actual: number } | null;
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
}

/** What a per-process part (governor, kill switch, metrics) adds to each request's statements. */
export interface RequestPart {
  /** a server-side deadline for governed reads; the tightest one given wins */
  deadlineMs?: number;
  observer?: StatementObserver;
  /** before every statement: throws to stop the request (e.g. its client was just suspended) */
  admit?: () => void;
}

/** Contributes a part to each request, from its principal (and the stats it may read). */
export type RequestContributor = (principal: Principal, stats: RequestStats) => RequestPart | undefined;

export interface RequestContextDeps {
  db: Db;
  admin: AdminDeps;
  /** the installation's keyed security log (src/audit/SecurityLog.ts) */
  securityLog: SecurityLogAppender;
  contributors?: readonly RequestContributor[];
  /** the services' clock; default () => new Date() */
  clock?: () => Date;
}

export interface RequestIdentity {
  principal: Principal;
  requestId: string;
  /** default: the request id (tests and background work, where nobody else chooses ids) */
  marker?: string;
}

export type RequestContextFactory = (who: RequestIdentity) => RequestContext;

const newStats = (): RequestStats => ({ statements: 0, rows: 0, dbMs: { interactive: 0, reporting: 0 }, cost: null });

const statsObserver = (stats: RequestStats): StatementObserver => ({
  onStatement(e: StatementEvent) {
    stats.statements++;
    stats.rows += e.rows;
    stats.dbMs[e.pool] += e.ms;
  },
});

/**
 * The one factory of request contexts: runner (tagged, deadlined, observed, admitted), services,
 * loaders and stats, from the principal and the request id. The HTTP edge and the tests both use it.
 */
export function createRequestContextFactory(deps: RequestContextDeps): RequestContextFactory {
  const contributors = deps.contributors ?? [];
  return ({ principal, requestId, marker = requestId }) => {
    const stats = newStats();
    const parts = contributors.map((c) => c(principal, stats)).filter((p): p is RequestPart => p !== undefined);
    const deadlines = parts.map((p) => p.deadlineMs).filter((d): d is number => d !== undefined);
    const admits = parts.map((p) => p.admit).filter((a): a is () => void => a !== undefined);
    const runner = createSqlRunner(deps.db, {
      clientId: principal.clientId,
      requestId,
      marker,
      deadlineMs: deadlines.length > 0 ? Math.min(...deadlines) : undefined,
      observers: [statsObserver(stats), ...parts.map((p) => p.observer).filter((o): o is StatementObserver => o !== undefined)],
      admit: admits.length === 0 ? undefined : () => admits.forEach((a) => a()),
    });
    const services = createServices({ db: deps.db, runner, principal, requestId, clock: deps.clock, admin: deps.admin, securityLog: deps.securityLog });
    return { requestId, marker, principal, services, loaders: createLoaders(services), stats };
  };
}
