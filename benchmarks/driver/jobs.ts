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

export type DriverJob = AutocannonJob | OpenLoopJob;
