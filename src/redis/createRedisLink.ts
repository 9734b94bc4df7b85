import { Redis } from 'ioredis';

/** Whether shared state is reachable; the parts that share state through Redis fall back while it is not. */
export interface RedisLink {
  readonly redis: Redis;
  isUp(): boolean;
  /** a command failed for want of a connection: count it as down until the client reconnects */
  markDown(error: unknown): void;
  /** resolves once connected, or after `timeoutMs` (start-up: a healthy Redis serves from the first request) */
  ready(timeoutMs: number): Promise<boolean>;
  /** a second connection for subscriptions (a subscribed connection cannot run commands) */
  subscriber(): Redis;
  close(): Promise<void>;
}

export interface RedisLinkOptions {
  url: string;
  /** told once per change: down (with the error) and up again */
  onChange?: (up: boolean, error?: unknown) => void;
}

/** True for an error that means "no connection" rather than a bad command. */
const isConnectionError = (error: unknown): boolean => {
  const e = error as { code?: string; message?: string; name?: string };
  return (
    e?.name === 'MaxRetriesPerRequestError' ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH'].includes(e?.code ?? '') ||
    /Connection is closed|Stream isn't writeable|enableOfflineQueue|Command timed out|connect ETIMEDOUT/i.test(e?.message ?? '')
  );
};

/**
 * One Redis connection per process, failing fast while Redis is away (no offline queue, short
 * command timeout) and reconnecting by itself; `isUp()` tells the callers when to use their local
 * fallback. The first state is "down" until the connection is ready.
 */
export function createRedisLink(opts: RedisLinkOptions): RedisLink {
  const settings = {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 1000,
    commandTimeout: 500,
    // reconnect for ever, backing off to every 2 s
    retryStrategy: (times: number) => Math.min(times * 100, 2000),
  } as const;
  const redis = new Redis(opts.url, settings);
  const subscribers: Redis[] = [];
  let up = false;
  let closing = false;
  const set = (next: boolean, error?: unknown) => {
    // our own close is not an outage
    if (next === up || closing) return;
    up = next;
    opts.onChange?.(next, error);
  };
  redis.on('ready', () => set(true));
  redis.on('close', () => set(false));
  redis.on('error', (error) => {
    if (isConnectionError(error)) set(false, error);
  });
  return {
    redis,
    isUp: () => up && redis.status === 'ready',
    markDown(error) {
      if (isConnectionError(error)) set(false, error);
    },
    ready(timeoutMs) {
      if (up) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          redis.off('ready', onReady);
          resolve(false);
        }, timeoutMs);
        timer.unref();
        const onReady = () => {
          clearTimeout(timer);
          resolve(true);
        };
        redis.once('ready', onReady);
      });
    },
    subscriber() {
      // subscriptions queue their SUBSCRIBE until connected: they must survive a Redis restart
      const s = new Redis(opts.url, { ...settings, enableOfflineQueue: true, maxRetriesPerRequest: null });
      s.on('error', () => undefined);
      subscribers.push(s);
      return s;
    },
    async close() {
      closing = true;
      redis.disconnect();
      for (const s of subscribers) s.disconnect();
    },
  };
}
