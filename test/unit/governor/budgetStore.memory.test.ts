import { describe, expect, it } from 'vitest';
import { createMemoryBudgetStore } from '../../../src/governor/budget/createMemoryBudgetStore.js';
import { createMemoryInFlightLimiter } from '../../../src/governor/inFlight/createMemoryInFlightLimiter.js';

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
  it('settles above the estimate below zero, and the next take waits for the deficit', async () => {
    let now = 0;
    const store = createMemoryBudgetStore({ now: () => now });
    await store.take('c', 20, limits);
    expect((await store.settle('c', 130, limits)).available).toBe(-50); // it cost 150, 20 was debited
    expect(await store.take('c', 10, limits)).toMatchObject({ ok: false, retryAfterSeconds: 6 });
    now += 6000;
    expect(await store.take('c', 10, limits)).toMatchObject({ ok: true, available: 0 });
    expect((await store.settle('c', -500, limits)).available).toBe(100); // a refund never passes the maximum
    expect((await store.peek('c', limits)).available).toBe(100);
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
  it('caps each client separately and releases', async () => {
    const l = createMemoryInFlightLimiter();
    const first = await l.acquire('a', 2);
    expect(first).not.toBeNull();
    expect(await l.acquire('a', 2)).not.toBeNull();
    expect(await l.acquire('a', 2)).toBeNull();
    expect(await l.acquire('b', 2)).not.toBeNull();
    first!();
    first!(); // releasing twice frees one slot, not two
    expect(await l.acquire('a', 2)).not.toBeNull();
    expect(l.current('a')).toBe(2);
  });
});
