import type { Redis } from 'ioredis';
import type { BucketLimits, BudgetStore } from './BudgetStore.js';

// KEYS[1] bucket; ARGV: cost (negative = refund), maximum, restorePerSecond. Redis TIME keeps skewed instances in step.
const SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local cost = tonumber(ARGV[1])
local max = tonumber(ARGV[2])
local rate = tonumber(ARGV[3])
local b = redis.call('HMGET', KEYS[1], 'a', 't')
local a = tonumber(b[1]) or max
local at = tonumber(b[2]) or now
a = math.min(max, a + (now - at) / 1000 * rate)
local ok = 0
if cost <= a then
  a = math.min(max, a - cost)
  ok = 1
end
redis.call('HSET', KEYS[1], 'a', tostring(a), 't', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((max - a) / rate * 1000) + 1000)
return { ok, tostring(a) }
`;

// the same refill, read-only: KEYS[1] bucket; ARGV: maximum, restorePerSecond
const PEEK = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local b = redis.call('HMGET', KEYS[1], 'a', 't')
local max = tonumber(ARGV[1])
local a = tonumber(b[1]) or max
local at = tonumber(b[2]) or now
return tostring(math.min(max, a + (now - at) / 1000 * tonumber(ARGV[2])))
`;

/** Buckets shared by every instance through Redis: one atomic script per debit or refund. */
export function createRedisBudgetStore(opts: { redis: Redis; keyPrefix?: string }): BudgetStore {
  const prefix = opts.keyPrefix ?? 'cg:budget:';
  const run = async (key: string, cost: number, limits: BucketLimits) => {
    const [ok, available] = (await opts.redis.eval(SCRIPT, 1, prefix + key, cost, limits.maximum, limits.restorePerSecond)) as [number, string];
    return { ok: ok === 1, available: Number(available) };
  };
  const state = (available: number, limits: BucketLimits) => ({
    available: Math.floor(available),
    maximum: limits.maximum,
    restorePerSecond: limits.restorePerSecond,
  });
  return {
    async take(key, cost, limits) {
      const r = await run(key, cost, limits);
      const retry = r.ok ? 0 : Math.ceil((Math.min(cost, limits.maximum) - r.available) / limits.restorePerSecond);
      return { ok: r.ok, retryAfterSeconds: retry, ...state(r.available, limits) };
    },
    async refund(key, amount, limits) {
      return state((await run(key, -amount, limits)).available, limits);
    },
    async peek(key, limits) {
      return state(Number(await opts.redis.eval(PEEK, 1, prefix + key, limits.maximum, limits.restorePerSecond)), limits);
    },
    async close() {
      // the connection is the caller's to close
    },
  };
}
