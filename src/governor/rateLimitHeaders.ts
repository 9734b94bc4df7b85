import type { BucketState } from './budget/BudgetStore.js';

/**
 * The IETF RateLimit fields (draft-ietf-httpapi-ratelimit-headers) for a cost bucket and the
 * in-flight cap: `RateLimit-Policy` describes the quotas (q = size, w = seconds to refill an
 * empty bucket, qu = the unit), `RateLimit` their state (r = remaining, t = seconds until full).
 * Under strain the restore rate falls, so the values are honestly lower.
 */
export function rateLimitHeaders(bucket: BucketState, maxInFlight: number): { policy: string; state: string } {
  const rate = Math.max(bucket.restorePerSecond, 1e-9);
  const window = Math.max(1, Math.ceil(bucket.maximum / rate));
  const remaining = Math.max(0, Math.floor(bucket.available));
  const untilFull = Math.max(0, Math.ceil((bucket.maximum - bucket.available) / rate));
  return {
    policy: `"cost";q=${bucket.maximum};w=${window};qu="cost-points", "inflight";q=${maxInFlight};qu="concurrent-requests"`,
    state: `"cost";r=${remaining};t=${untilFull}`,
  };
}
