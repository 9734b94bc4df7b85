import { randomBytes } from 'node:crypto';
import type { RedisLink } from '../../redis/createRedisLink.js';
import type { InFlightLimiter } from './InFlightLimiter.js';

// KEYS[1] the client's leases (a sorted set scored by expiry); ARGV: lease ms, max, member. Redis TIME orders every instance.
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), ARGV[3])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]))
  return 1
end
return 0
`;

/**
 * In-flight caps shared by every instance: each request holds a lease in a per-client sorted set.
 * A lease expires after `leaseMs`, so a crashed instance's requests stop counting by themselves.
 * With `local` as the fallback, the caps hold per instance while Redis is away.
 */
export function createRedisInFlightLimiter(deps: {
  link: RedisLink;
  local: InFlightLimiter;
  keyPrefix: string;
  leaseMs: number;
  closed?: boolean;
}): InFlightLimiter {
  return {
    async acquire(key, max) {
      if (deps.link.isUp()) {
        const member = randomBytes(8).toString('hex');
        const redisKey = deps.keyPrefix + key;
        try {
          const ok = (await deps.link.redis.eval(ACQUIRE, 1, redisKey, deps.leaseMs, max, member)) as number;
          if (ok !== 1) return null;
          return () => {
            deps.link.redis.zrem(redisKey, member).catch((error: unknown) => deps.link.markDown(error));
          };
        } catch (error) {
          deps.link.markDown(error);
          if (deps.link.isUp()) throw error;
        }
      }
      return deps.local.acquire(key, max);
    },
  };
}
