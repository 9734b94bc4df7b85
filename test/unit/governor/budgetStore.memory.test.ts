import { describe, expect, it } from 'vitest';
import { createMemoryBudgetStore } from '../../../src/governor/budget/createMemoryBudgetStore.js';
import { createInFlightLimiter } from '../../../src/governor/createInFlightLimiter.js';

const limits = { maximum: 100, restorePerSecond: 10 };

describe('in-memory leaky bucket', () => {
  it('debits, refuses when empty with a Retry-After, and restores over time', async () => {
    let now = 0;
    const store = createMemoryBudgetStore({ now: () => now });
    expect(await store.take('c1', 70, limits)).toMatchObject({ ok: true, available: 30 });
    const refused = await store.take('c1', 50, limits);
    expect(refused).toMatchObject({ ok: false, available: 30, retryAfterSeconds: 2 });
    now += 2000;
    expect(await store.take('c1', 50, limits)).toMatchObject({ ok: true, available: 0 });
    now += 60_000;
    expect(await store.take('c1', 0, limits)).toMatchObject({ available: 100 }); // never above the maximum
  });
  it('refunds the unused part, capped at the maximum, and keeps clients apart', async () => {
    const store = createMemoryBudgetStore({ now: () => 0 });
    await store.take('a', 80, limits);
    expect((await store.refund('a', 50, limits)).available).toBe(70);
    expect((await store.refund('a', 500, limits)).available).toBe(100);
    expect((await store.take('b', 10, limits)).available).toBe(90);
  });
});

describe('in-flight limiter', () => {
  it('caps each client separately and releases', () => {
    const l = createInFlightLimiter();
    expect(l.tryAcquire('a', 2)).toBe(true);
    expect(l.tryAcquire('a', 2)).toBe(true);
    expect(l.tryAcquire('a', 2)).toBe(false);
    expect(l.tryAcquire('b', 2)).toBe(true);
    l.release('a');
    expect(l.tryAcquire('a', 2)).toBe(true);
    expect(l.current('a')).toBe(2);
  });
});
