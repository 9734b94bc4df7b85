import { createPool } from 'mysql2/promise';
import { percentile } from '../lib/stats.js';
import type { LoadStats } from '../lib/types.js';
import type { SqlClosedLoopJob, SqlOpenLoopJob } from './jobs.js';

const summary = (latencies: number[], requests: number, durationS: number, failures: number, errorCodes: Record<string, number>): LoadStats => {
  latencies.sort((a, b) => a - b);
  return {
    requests,
    durationS,
    rps: requests / durationS,
    p50: percentile(latencies, 50),
    p90: percentile(latencies, 90),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? 0,
    errors: failures,
    timeouts: 0,
    non2xx: 0,
    gqlErrors: 0,
    failed: failures,
    statusCodes: {},
    errorCodes,
  };
};

/** The practice desk on its own connections, open loop: latency from each visit's scheduled time. */
export async function runSqlOpenLoop(job: SqlOpenLoopJob): Promise<LoadStats> {
  const pool = createPool({ uri: job.mysqlUrl, connectionLimit: job.connections, waitForConnections: true, dateStrings: true });
  const count = Math.max(1, Math.round(job.ratePerS * job.durationS));
  const intervalMs = 1000 / job.ratePerS;
  const latencies: number[] = [];
  const errorCodes: Record<string, number> = {};
  let failures = 0;
  try {
    await pool.query('SELECT 1'); // connected before the clock starts
    const visit = async (i: number, scheduled: number) => {
      try {
        for (const s of job.visits[i % job.visits.length]!) await pool.query(s.sql, s.params ?? []);
      } catch (error) {
        failures++;
        const code = (error as { code?: string }).code ?? 'ERROR';
        errorCodes[code] = (errorCodes[code] ?? 0) + 1;
      }
      latencies.push(performance.now() - scheduled);
    };
    const start = performance.now() + 20;
    const pending: Promise<void>[] = [];
    for (let i = 0; i < count; i++) {
      const scheduled = start + i * intervalMs;
      const wait = scheduled - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      pending.push(visit(i, scheduled));
    }
    await Promise.all(pending);
    return summary(latencies, count, (performance.now() - start) / 1000, failures, errorCodes);
  } finally {
    await pool.end();
  }
}

/** A direct-SQL integration, closed loop: each worker runs one request's stages after another until the time is up. */
export async function runSqlClosedLoop(job: SqlClosedLoopJob): Promise<LoadStats> {
  const pool = createPool({ uri: job.mysqlUrl, connectionLimit: job.connections * 4, waitForConnections: true, dateStrings: true });
  const latencies: number[] = [];
  const errorCodes: Record<string, number> = {};
  let failures = 0;
  let requests = 0;
  const started = performance.now();
  const until = started + job.durationS * 1000;
  try {
    await Promise.all(
      Array.from({ length: job.connections }, async (_, w) => {
        for (let i = w; performance.now() < until; i++) {
          const t0 = performance.now();
          try {
            for (const stage of job.requests[i % job.requests.length]!) await Promise.all(stage.map((s) => pool.query(s.sql, s.params ?? [])));
          } catch (error) {
            failures++;
            const code = (error as { code?: string }).code ?? 'ERROR';
            errorCodes[code] = (errorCodes[code] ?? 0) + 1;
          }
          latencies.push(performance.now() - t0);
          requests++;
        }
      }),
    );
    return summary(latencies, requests, (performance.now() - started) / 1000, failures, errorCodes);
  } finally {
    await pool.end();
  }
}
