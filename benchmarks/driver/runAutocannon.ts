// autocannon ships no types; this file is the only one that touches its API.
// @ts-expect-error no type declarations for autocannon
import autocannon from 'autocannon';
import type { LoadStats } from '../lib/types.js';
import { createBodySource } from './BodySpec.js';
import type { AutocannonJob } from './jobs.js';
import { collectErrorCodes } from './summarizeBody.js';

interface AutocannonResult {
  requests: { total: number };
  latency: { p50: number; p90: number; p99: number; max: number };
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats?: Record<string, { count: number }>;
}

/** Runs one closed-loop segment and summarises it (latencies in ms). */
export async function runAutocannon(job: AutocannonJob): Promise<LoadStats> {
  const next = createBodySource(job.body);
  const errorCodes: Record<string, number> = {};
  let gqlErrors = 0;
  let failed = 0;
  const result: AutocannonResult = await autocannon({
    url: job.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...job.headers },
    connections: job.connections,
    duration: job.durationS,
    timeout: job.timeoutS ?? 10,
    requests: [
      {
        setupRequest: (req: { body?: string }) => {
          req.body = next();
          return req;
        },
        onResponse: (status: number, body: string) => {
          const hasErrors = collectErrorCodes(body, errorCodes);
          if (hasErrors) gqlErrors++;
          if (hasErrors || status < 200 || status > 299) failed++;
        },
      },
    ],
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, s] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = s.count;
  const total = result.requests.total;
  return {
    requests: total,
    durationS: result.duration,
    rps: result.duration > 0 ? total / result.duration : 0,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    gqlErrors,
    failed,
    statusCodes,
    errorCodes,
  };
}
