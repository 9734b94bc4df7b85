import { secondsUntil, type BucketLimits, type BudgetStore } from './BudgetStore.js';

/** Per-process buckets (the default; one instance, or the fallback while Redis is away). `now` is the clock in ms. */
export function createMemoryBudgetStore(opts: { now?: () => number } = {}): BudgetStore {
  const now = opts.now ?? (() => performance.timeOrigin + performance.now());
  const buckets = new Map<string, { available: number; at: number }>();

  const refill = (key: string, limits: BucketLimits) => {
    const t = now();
    const b = buckets.get(key) ?? { available: limits.maximum, at: t };
    b.available = Math.min(limits.maximum, b.available + ((t - b.at) / 1000) * limits.restorePerSecond);
    b.at = t;
    buckets.set(key, b);
    return b;
  };
  const state = (available: number, limits: BucketLimits) => ({
    available: Math.floor(available),
    maximum: limits.maximum,
    restorePerSecond: limits.restorePerSecond,
  });

  return {
    async take(key, cost, limits) {
      const b = refill(key, limits);
      if (cost <= b.available) {
        b.available -= cost;
        return { ok: true, retryAfterSeconds: 0, ...state(b.available, limits) };
      }
      return { ok: false, retryAfterSeconds: secondsUntil(cost, b.available, limits), ...state(b.available, limits) };
    },
    async refund(key, amount, limits) {
      const b = refill(key, limits);
      b.available = Math.min(limits.maximum, b.available + amount);
      return state(b.available, limits);
    },
    async settle(key, delta, limits) {
      const b = refill(key, limits);
      b.available = Math.min(limits.maximum, b.available - delta);
      return state(b.available, limits);
    },
    async peek(key, limits) {
      return state(refill(key, limits).available, limits);
    },
    async close() {
      buckets.clear();
    },
  };
}
