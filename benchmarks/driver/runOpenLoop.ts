import type { LoadStats } from '../lib/types.js';
import { percentile } from '../lib/stats.js';
import { createBodySource } from './BodySpec.js';
import type { OpenLoopJob } from './jobs.js';
import { collectErrorCodes } from './summarizeBody.js';

/**
 * Sends requests at fixed scheduled times (never waiting for earlier answers) with fetch
 * (undici, keep-alive) and measures each latency from its scheduled time, not its actual send.
 */
export async function runOpenLoop(job: OpenLoopJob): Promise<LoadStats> {
  const next = createBodySource(job.body);
  const intervalMs = 1000 / job.ratePerS;
  const count = Math.max(1, Math.round(job.ratePerS * job.durationS));
  const timeoutMs = job.timeoutMs ?? 5000;
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  const errorCodes: Record<string, number> = {};
  let errors = 0;
  let timeouts = 0;
  let non2xx = 0;
  let gqlErrors = 0;
  let failed = 0;
  const headers = { 'content-type': 'application/json', ...job.headers };

  const fire = async (scheduled: number): Promise<void> => {
    const body = next();
    try {
      const res = await fetch(job.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
      const text = await res.text();
      latencies.push(performance.now() - scheduled);
      statusCodes[res.status] = (statusCodes[res.status] ?? 0) + 1;
      if (res.status < 200 || res.status > 299) non2xx++;
      const hasErrors = collectErrorCodes(text, errorCodes);
      if (hasErrors) gqlErrors++;
      if (hasErrors || res.status < 200 || res.status > 299) failed++;
    } catch (error) {
      latencies.push(performance.now() - scheduled);
      if ((error as Error).name === 'TimeoutError') timeouts++;
      else errors++;
    }
  };

  const start = performance.now() + 20;
  const pending: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const scheduled = start + i * intervalMs;
    const wait = scheduled - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(fire(scheduled));
  }
  await Promise.all(pending);
  const durationS = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: count,
    durationS,
    rps: count / durationS,
    p50: percentile(latencies, 50),
    p90: percentile(latencies, 90),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? 0,
    errors,
    timeouts,
    non2xx,
    gqlErrors,
    failed,
    statusCodes,
    errorCodes,
  };
}
