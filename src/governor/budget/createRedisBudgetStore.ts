import type { Redis } from 'ioredis';
import { secondsUntil, type BucketLimits, type BudgetStore } from './BudgetStore.js';

// KEYS[1] bucket; ARGV: cost (negative = refund), maximum, restorePerSecond, force (1 = debit even below zero).
// Redis TIME keeps skewed instances in step; one script per change keeps every debit atomic.
const SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local cost = tonumber(ARGV[1])
local max = tonumber(ARGV[2])
local rate = tonumber(ARGV[3])
local force = tonumber(ARGV[4])
local b = redis.call('HMGET', KEYS[1], 'a', 't')
local a = tonumber(b[1]) or max
local at = tonumber(b[2]) or now
a = math.min(max, a + (now - at) / 1000 * rate)
local ok = 0
if force == 1 or cost <= a then
  a = math.min(max, a - cost)
  ok = 1
end
redis.call('HSET', KEYS[1], 'a', tostring(a), 't', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((max - a) / rate * 1000) + 1000)
return { ok, tostring(a) }
`;

/** Buckets shared by every instance through Redis: one atomic script per debit, refund or settlement. */
export function createRedisBudgetStore(opts: { redis: Redis; keyPrefix?: string }): BudgetStore {
  const prefix = opts.keyPrefix ?? 'cg:budget:';
  const run = async (key: string, cost: number, limits: BucketLimits, force: boolean) => {
    const [ok, available] = (await opts.redis.eval(SCRIPT, 1, prefix + key, cost, limits.maximum, limits.restorePerSecond, force ? 1 : 0)) as [number, string];
    return { ok: ok === 1, available: Number(available) };
  };
  const state = (available: number, limits: BucketLimits) => ({
    available: Math.floor(available),
    maximum: limits.maximum,
    restorePerSecond: limits.restorePerSecond,
  });
  return {
    async take(key, cost, limits) {
      const r = await run(key, cost, limits, false);
      return { ok: r.ok, retryAfterSeconds: r.ok ? 0 : secondsUntil(cost, r.available, limits), ...state(r.available, limits) };
    },
    async refund(key, amount, limits) {
      return state((await run(key, -amount, limits, true)).available, limits);
    },
    async settle(key, delta, limits) {
      return state((await run(key, delta, limits, true)).available, limits);
    },
    async peek(key, limits) {
      return state((await run(key, 0, limits, true)).available, limits);
    },
    async close() {
      // the connection is the caller's to close
    },
  };
}
