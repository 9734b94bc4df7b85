import { describe, expect, it } from 'vitest';
import { decideOutcome } from '../../../src/events/decideOutcome.js';
import { parseRetryAfter } from '../../../src/events/parseRetryAfter.js';
import { createRetrySchedule, nominalDelayAfter, RETRY_ATTEMPTS } from '../../../src/events/retrySchedule.js';

describe('retry schedule', () => {
  it('backs off exponentially from 10 s to at most 12 h, over about three days, and then gives up', () => {
    const s = createRetrySchedule(() => 0);
    const delays = Array.from({ length: RETRY_ATTEMPTS - 1 }, (_, i) => s.delayAfter(i + 1)!);
    expect(delays.slice(0, 5)).toEqual([10_000, 25_000, 62_500, 156_250, 390_625]);
    expect(delays.at(-1)).toBe(12 * 3_600_000);
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]!);
    const days = delays.reduce((a, b) => a + b, 0) / 86_400_000;
    expect(days).toBeGreaterThan(3);
    expect(days).toBeLessThan(3.5);
    expect(s.delayAfter(RETRY_ATTEMPTS)).toBeNull();
    expect(s.delayAfter(0)).toBeNull();
  });

  it('jitter only ever lengthens a wait, by at most 20%', () => {
    const high = createRetrySchedule(() => 0.999_999);
    for (let n = 1; n < RETRY_ATTEMPTS; n++) {
      expect(high.delayAfter(n)!).toBeGreaterThan(nominalDelayAfter(n));
      expect(high.delayAfter(n)!).toBeLessThanOrEqual(Math.round(nominalDelayAfter(n) * 1.2));
    }
  });
});

describe('Retry-After', () => {
  const now = Date.parse('2026-11-01T12:00:00Z');
  it('reads delay-seconds and HTTP-dates, bounded to 1 s .. the longest scheduled wait', () => {
    expect(parseRetryAfter('120', now, 43_200_000)).toBe(120_000);
    expect(parseRetryAfter('0', now, 43_200_000)).toBe(1000);
    expect(parseRetryAfter('9999999', now, 43_200_000)).toBe(43_200_000);
    expect(parseRetryAfter('Sun, 01 Nov 2026 12:05:00 GMT', now, 43_200_000)).toBe(300_000);
    expect(parseRetryAfter('soon', now, 43_200_000)).toBeNull();
    expect(parseRetryAfter(null, now, 43_200_000)).toBeNull();
  });
});

describe('attempt outcomes', () => {
  const s = createRetrySchedule(() => 0);
  const answer = (status: number | null, retryAfter: string | null = null) => ({ status, retryAfter, error: status ? `HTTP ${status}` : 'timeout' });
  it('2xx delivers; 410 disables but keeps the delivery; 429/503 honour Retry-After; the rest follow the schedule', () => {
    expect(decideOutcome(answer(204), 1, s, 0)).toEqual({ kind: 'delivered' });
    expect(decideOutcome(answer(410), 1, s, 0)).toEqual({ kind: 'retry', delayMs: 10_000, gone: true });
    expect(decideOutcome(answer(429, '30'), 3, s, 0)).toEqual({ kind: 'retry', delayMs: 30_000, gone: false });
    expect(decideOutcome(answer(503), 2, s, 0)).toEqual({ kind: 'retry', delayMs: 25_000, gone: false });
    // Retry-After means nothing on a 500
    expect(decideOutcome(answer(500, '3600'), 1, s, 0)).toEqual({ kind: 'retry', delayMs: 10_000, gone: false });
    expect(decideOutcome(answer(null), 1, s, 0)).toEqual({ kind: 'retry', delayMs: 10_000, gone: false });
    expect(decideOutcome(answer(301), 1, s, 0)).toMatchObject({ kind: 'retry' });
    expect(decideOutcome(answer(500), RETRY_ATTEMPTS, s, 0)).toEqual({ kind: 'dead', gone: false });
  });
});
