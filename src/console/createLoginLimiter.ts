import { RateLimiterMemory } from 'rate-limiter-flexible';

export interface LoginLimiter {
  /** seconds until a sign-in may be tried again for this user name or address; 0 = allowed */
  blockedFor(userName: string, ip: string): Promise<number>;
  /** counts a refused sign-in against the user name and the address */
  fail(userName: string, ip: string): Promise<void>;
  /** a successful sign-in clears the user name's count (the address keeps its own) */
  succeed(userName: string): Promise<void>;
}

export interface LoginLimits {
  /** CONSOLE_LOGIN_MAX_FAILURES */
  maxPerUser: number;
  /** CONSOLE_LOGIN_MAX_FAILURES_PER_IP */
  maxPerIp: number;
  /** CONSOLE_LOGIN_WINDOW_S */
  windowS: number;
}

/**
 * Refused sign-ins counted per user name (known or not, so counting tells nothing) and per client
 * address, in memory per instance: after the limit, the name or address waits out the window.
 */
export function createLoginLimiter(limits: LoginLimits): LoginLimiter {
  const byUser = new RateLimiterMemory({ points: limits.maxPerUser, duration: limits.windowS });
  const byIp = new RateLimiterMemory({ points: limits.maxPerIp, duration: limits.windowS });
  const userKey = (name: string) => name.trim().toLowerCase();
  const waitOf = async (limiter: RateLimiterMemory, max: number, key: string) => {
    const res = await limiter.get(key);
    return res && res.consumedPoints >= max ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : 0;
  };
  // consume rejects once the points are spent: that is the limit being reached, not an error
  const count = (limiter: RateLimiterMemory, key: string) =>
    limiter.consume(key).then(
      () => undefined,
      () => undefined,
    );
  return {
    async blockedFor(userName, ip) {
      const [u, i] = await Promise.all([waitOf(byUser, limits.maxPerUser, userKey(userName)), waitOf(byIp, limits.maxPerIp, ip)]);
      return Math.max(u, i);
    },
    async fail(userName, ip) {
      await Promise.all([count(byUser, userKey(userName)), count(byIp, ip)]);
    },
    async succeed(userName) {
      await byUser.delete(userKey(userName));
    },
  };
}
