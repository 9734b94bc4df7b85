import type { LoadStats } from './types.js';

/** The p-th percentile (0..100) of an ascending array, nearest-rank; 0 for an empty array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export const median = (values: readonly number[]): number =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

/** a / b, or null when either is missing or b is 0. */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a == null || b == null || b === 0 || !Number.isFinite(a) || !Number.isFinite(b)) return null;
  return a / b;
}

export const round = (v: number | null, digits = 3): number | null => (v == null ? null : Number(v.toFixed(digits)));

/**
 * Combines one arm's interleaved segments: throughput from total requests over total time,
 * latency percentiles as the request-weighted mean of the segments' percentiles (autocannon
 * reports percentiles, not raw samples), errors summed.
 */
export function combineSegments(segments: readonly LoadStats[]): LoadStats {
  const requests = segments.reduce((s, x) => s + x.requests, 0);
  const durationS = segments.reduce((s, x) => s + x.durationS, 0);
  const weighted = (pick: (x: LoadStats) => number) => (requests === 0 ? 0 : segments.reduce((s, x) => s + pick(x) * x.requests, 0) / requests);
  const sumMaps = (pick: (x: LoadStats) => Record<string, number>) => {
    const out: Record<string, number> = {};
    for (const x of segments) for (const [k, v] of Object.entries(pick(x))) out[k] = (out[k] ?? 0) + v;
    return out;
  };
  return {
    requests,
    durationS,
    rps: durationS > 0 ? requests / durationS : 0,
    p50: weighted((x) => x.p50),
    p90: weighted((x) => x.p90),
    p99: weighted((x) => x.p99),
    max: Math.max(0, ...segments.map((x) => x.max)),
    errors: segments.reduce((s, x) => s + x.errors, 0),
    timeouts: segments.reduce((s, x) => s + x.timeouts, 0),
    non2xx: segments.reduce((s, x) => s + x.non2xx, 0),
    gqlErrors: segments.reduce((s, x) => s + x.gqlErrors, 0),
    failed: segments.reduce((s, x) => s + x.failed, 0),
    statusCodes: sumMaps((x) => x.statusCodes),
    errorCodes: sumMaps((x) => x.errorCodes),
  };
}

/** Requests per second that succeeded (2xx without GraphQL errors). */
export const okRps = (s: LoadStats): number => (s.durationS > 0 ? Math.max(0, s.requests - s.failed - s.errors - s.timeouts) / s.durationS : 0);

/** Requests that did not succeed: transport errors, timeouts, non-2xx or GraphQL errors. */
export const failures = (s: LoadStats): number => s.failed + s.errors + s.timeouts;

/**
 * The median over rounds of pick(a[i]) / pick(b[i]): each round's two arms ran back to back, so
 * their ratio cancels drift that spans rounds (other work on the machine, caches warming).
 */
export function pairedRatio(
  a: readonly LoadStats[],
  b: readonly LoadStats[],
  pick: (s: LoadStats) => number,
): { median: number | null; min: number | null; max: number | null } {
  const ratios: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const r = ratio(pick(a[i]), pick(b[i]));
    if (r != null) ratios.push(r);
  }
  if (ratios.length === 0) return { median: null, min: null, max: null };
  return { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) };
}
