import type { BodySpec } from './BodySpec.js';

/** Closed-loop load with autocannon: `connections` keep-alive connections, each sending back to back. */
export interface AutocannonJob {
  type: 'autocannon';
  url: string;
  headers: Record<string, string>;
  body: BodySpec;
  connections: number;
  durationS: number;
  /** per-request timeout in seconds; default 10 */
  timeoutS?: number;
}

/**
 * Open-loop probe: requests are scheduled at a fixed rate whatever the server does, and latency
 * is measured from the scheduled send time, so queueing in the server or the client is not hidden.
 */
export interface OpenLoopJob {
  type: 'openLoop';
  url: string;
  headers: Record<string, string>;
  body: BodySpec;
  ratePerS: number;
  durationS: number;
  /** a request slower than this counts as a timeout error; default 5000 */
  timeoutMs?: number;
}

/** One statement the practice's own software (or a direct-SQL integration) sends. */
export interface SqlStatement {
  sql: string;
  params?: unknown[];
}

/**
 * The practice's own software on a direct mysql2 connection pool: visits scheduled at a fixed
 * rate, each running its statements in order; latency from the scheduled time, as for openLoop.
 */
export interface SqlOpenLoopJob {
  type: 'sqlOpenLoop';
  mysqlUrl: string;
  /** connections of the desk's own pool */
  connections: number;
  /** visit kinds, taken in turn: each is a short list of statements run one after another */
  visits: SqlStatement[][];
  ratePerS: number;
  durationS: number;
  timeoutMs?: number;
}

/** A direct-SQL integration: `connections` workers each running `stages` back to back (a stage's statements in parallel). */
export interface SqlClosedLoopJob {
  type: 'sqlClosedLoop';
  mysqlUrl: string;
  connections: number;
  /** request shapes, taken in turn; each is stages of statements */
  requests: SqlStatement[][][];
  durationS: number;
}

export type DriverJob = AutocannonJob | OpenLoopJob | SqlOpenLoopJob | SqlClosedLoopJob;
