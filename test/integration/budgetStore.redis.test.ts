import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisBudgetStore } from '../../src/governor/budget/createRedisBudgetStore.js';

const url = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? (process.env.CI ? 'redis://127.0.0.1:6379' : undefined);
const answers = url
  ? await new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0 }).connect().then(
      () => true,
      () => false,
    )
  : false;
if (process.env.CI && !answers) throw new Error(`CI=true but Redis at ${url} does not answer`);

describe.runIf(answers)('Redis budget store shared by two instances [redis]', () => {
  let a: Redis;
  let b: Redis;
  const prefix = `cg:test:${randomBytes(4).toString('hex')}:`;
  const limits = { maximum: 100, restorePerSecond: 1 };
  beforeAll(() => {
    a = new Redis(url!);
    b = new Redis(url!);
  });
  afterAll(async () => {
    const keys = await a.keys(`${prefix}*`);
    if (keys.length) await a.del(...keys);
    a.disconnect();
    b.disconnect();
  });

  it('a debit on one instance is seen by the other', async () => {
    const one = createRedisBudgetStore({ redis: a, keyPrefix: prefix });
    const two = createRedisBudgetStore({ redis: b, keyPrefix: prefix });
    expect(await one.take('client-7', 60, limits)).toMatchObject({ ok: true, available: 40 });
    const refused = await two.take('client-7', 60, limits);
    expect(refused.ok).toBe(false);
    expect(refused.available).toBeLessThanOrEqual(41);
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(19);
    expect((await two.refund('client-7', 30, limits)).available).toBeGreaterThanOrEqual(70);
  });

  it('concurrent takes from two instances never overdraw', async () => {
    const one = createRedisBudgetStore({ redis: a, keyPrefix: prefix });
    const two = createRedisBudgetStore({ redis: b, keyPrefix: prefix });
    const takes = Array.from({ length: 50 }, (_, i) => (i % 2 ? one : two).take('client-8', 10, limits));
    const results = await Promise.all(takes);
    expect(results.filter((r) => r.ok)).toHaveLength(10);
  });
});
