import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFairScheduler, type ClientClass, type Slot } from '../../../src/governor/admission/createFairScheduler.js';
import { DomainError } from '../../../src/lib/DomainError.js';
import { ErrorCode } from '../../../src/lib/ErrorCode.js';

const fixed = (n: number) => ({ limit: n, sample: () => undefined });
const scheduler = (opts: { limit?: number; strain?: number; maxQueued?: number } = {}) => {
  let strain = opts.strain ?? 0;
  const s = createFairScheduler({ limit: fixed(opts.limit ?? 4), strain: () => strain, maxQueued: opts.maxQueued ?? 100, maxWaitMs: 60_000 });
  return Object.assign(s, { setStrain: (v: number) => (strain = v) });
};
const ask = (s: ReturnType<typeof scheduler>, clientId: number, cls: ClientClass, cap = 2, signal?: AbortSignal) => {
  const p = s.acquire({ clientId, class: cls, cap, signal });
  const tracked = { slot: undefined as Slot | undefined, error: undefined as unknown, settled: false };
  p.then(
    (slot) => Object.assign(tracked, { slot, settled: true }),
    (error) => Object.assign(tracked, { error, settled: true }),
  );
  return tracked;
};
const flush = () => new Promise<void>((r) => setImmediate(r));

afterEach(() => vi.useRealTimers());

describe('the fair scheduler in front of the reporting pool', () => {
  it('one client cannot take the pool: it holds at most its cap while others wait', async () => {
    const s = scheduler({ limit: 4 });
    const hog = Array.from({ length: 6 }, () => ask(s, 1, 'reporting', 2));
    await flush();
    expect(hog.filter((t) => t.slot)).toHaveLength(2);
    const other = ask(s, 2, 'reporting', 2);
    await flush();
    expect(other.slot).toBeDefined(); // a free slot went to the other client, not to the hog's queue
    expect(s.state().byClass.reporting.queued).toBe(4);
  });

  it('interactive statements go first and always find a slot reporting clients may not take', async () => {
    const s = scheduler({ limit: 4 });
    const reports = Array.from({ length: 8 }, (_, i) => ask(s, 10 + (i % 4), 'reporting', 2));
    await flush();
    // reporting holds at most 3 of 4 slots (its share), so one is left for the front desk
    expect(reports.filter((t) => t.slot)).toHaveLength(3);
    const desk = ask(s, 99, 'interactive', 2);
    await flush();
    expect(desk.slot).toBeDefined();
    // when a report finishes, a waiting interactive statement is served before the waiting reports
    const desk2 = ask(s, 98, 'interactive', 2);
    await flush();
    expect(desk2.slot).toBeUndefined();
    reports.find((t) => t.slot)!.slot!.release(5);
    await flush();
    expect(desk2.slot).toBeDefined();
  });

  it('clients of one class are served round-robin', async () => {
    const s = scheduler({ limit: 1 });
    const first = ask(s, 100, 'interactive', 1);
    await flush();
    const a = [ask(s, 1, 'interactive', 1), ask(s, 1, 'interactive', 1)];
    const b = [ask(s, 2, 'interactive', 1)];
    await flush();
    first.slot!.release(1);
    await flush();
    expect(a[0]!.slot).toBeDefined();
    a[0]!.slot!.release(1);
    await flush();
    // client 2 has waited as long as client 1's second statement: it gets the next turn
    expect(b[0]!.slot).toBeDefined();
    expect(a[1]!.slot).toBeUndefined();
  });

  it('under strain reporting shrinks to one slot and bulk to none (refused at once with OVERLOADED)', async () => {
    const s = scheduler({ limit: 4, strain: 1 });
    const reports = Array.from({ length: 3 }, (_, i) => ask(s, i + 1, 'reporting', 2));
    const bulk = ask(s, 9, 'bulk', 2);
    await flush();
    expect(reports.filter((t) => t.slot)).toHaveLength(1);
    expect((bulk.error as DomainError).code).toBe(ErrorCode.OVERLOADED);
    s.setStrain(0); // the strain passes: the next release lets the shares grow again
    reports.find((t) => t.slot)!.slot!.release(1);
    await flush();
    expect(reports.filter((t) => t.slot)).toHaveLength(3);
    expect(s.state().byClass.reporting).toMatchObject({ inUse: 2, queued: 0, capacity: 3 });
    expect(s.state().byClass.bulk.capacity).toBe(2);
  });

  it('a full queue sheds bulk first to make room for interactive work', async () => {
    const s = scheduler({ limit: 2, maxQueued: 2 });
    ask(s, 1, 'interactive', 1);
    ask(s, 2, 'interactive', 1);
    const bulk = [ask(s, 5, 'bulk', 1), ask(s, 6, 'bulk', 1)];
    await flush();
    const desk = ask(s, 7, 'interactive', 1);
    await flush();
    expect(desk.error).toBeUndefined();
    expect(bulk.filter((t) => (t.error as DomainError | undefined)?.code === ErrorCode.OVERLOADED)).toHaveLength(1);
    const another = ask(s, 8, 'bulk', 1); // nothing below bulk to shed: refused itself
    await flush();
    expect((another.error as DomainError).code).toBe(ErrorCode.OVERLOADED);
  });

  it('a statement whose request hung up while it waited is answered at its turn, and the slot goes to the next in line', async () => {
    const s = scheduler({ limit: 1 });
    const holder = ask(s, 1, 'interactive', 1);
    const hangUp = new AbortController();
    const gone = ask(s, 2, 'interactive', 1, hangUp.signal);
    const next = ask(s, 3, 'interactive', 1);
    await flush();
    hangUp.abort();
    expect(s.tryAcquire({ clientId: 4, class: 'interactive', cap: 1 })).toBeUndefined(); // the pool is full and others wait
    holder.slot!.release(1);
    await flush();
    expect((gone.error as DomainError).code).toBe(ErrorCode.QUERY_TIMEOUT);
    expect(gone.slot).toBeUndefined();
    expect(next.slot).toBeDefined();
    expect(s.state()).toMatchObject({ inUse: 1, byClass: { interactive: { queued: 0 } } });
  });

  it('a waiting statement ends OVERLOADED after the queue wait, and never starts after a hang-up or a suspension', async () => {
    vi.useFakeTimers();
    const s = createFairScheduler({ limit: fixed(1), strain: () => 0, maxQueued: 10, maxWaitMs: 1000 });
    const holder = ask(s as ReturnType<typeof scheduler>, 1, 'interactive', 1);
    const late = ask(s as ReturnType<typeof scheduler>, 2, 'interactive', 1);
    const hangUp = new AbortController();
    const gone = ask(s as ReturnType<typeof scheduler>, 3, 'interactive', 1, hangUp.signal);
    const suspended = ask(s as ReturnType<typeof scheduler>, 4, 'interactive', 1);
    await vi.advanceTimersByTimeAsync(0);
    hangUp.abort();
    s.dropClient(4, new DomainError(ErrorCode.CLIENT_SUSPENDED, 'suspended'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(holder.slot).toBeDefined();
    expect((late.error as DomainError).code).toBe(ErrorCode.OVERLOADED);
    expect((gone.error as DomainError).code).toBe(ErrorCode.QUERY_TIMEOUT);
    expect((suspended.error as DomainError).code).toBe(ErrorCode.CLIENT_SUSPENDED);
    holder.slot!.release(1);
    expect(s.state().inUse).toBe(0);
  });
});
