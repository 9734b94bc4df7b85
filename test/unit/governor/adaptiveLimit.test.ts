import { describe, expect, it } from 'vitest';
import { createGradientLimit } from '../../../src/governor/admission/createGradientLimit.js';
import { createStrainSampler } from '../../../src/governor/admission/createStrainSampler.js';
import { rateLimitHeaders } from '../../../src/governor/rateLimitHeaders.js';

describe('the adaptive concurrency limit (Gradient2)', () => {
  it('holds while round trips are as usual, falls when they grow, and climbs back when they recover', () => {
    const l = createGradientLimit({ max: 16, initial: 16 });
    for (let i = 0; i < 200; i++) l.sample(5, 12);
    expect(l.limit).toBe(16);
    for (let i = 0; i < 100; i++) l.sample(200, l.limit); // ten windows of ten
    const strained = l.limit;
    expect(strained).toBeLessThan(8);
    expect(strained).toBeGreaterThanOrEqual(1);
    for (let i = 0; i < 400; i++) l.sample(5, l.limit);
    expect(l.limit).toBeGreaterThan(strained);
    expect(l.limit).toBeLessThanOrEqual(16);
  });

  it('never leaves [min, max] and does not grow while its slots stand idle', () => {
    const l = createGradientLimit({ max: 4, min: 1, initial: 2 });
    for (let i = 0; i < 100; i++) l.sample(1, 0);
    expect(l.limit).toBe(2);
    for (let i = 0; i < 100; i++) l.sample(10_000, 4);
    expect(l.limit).toBe(1);
  });
});

describe('the strain sampler', () => {
  it('turns each reading into 0..1 between its thresholds; the worst one counts; a failed read is full strain', async () => {
    let reading = { threadsRunning: 2, replicaLagS: null as number | null, canaryMs: 1 };
    let fail = false;
    const s = createStrainSampler({
      intervalMs: 0,
      thresholds: { threadsLow: 4, threadsHigh: 16, canaryLowMs: 10, canaryHighMs: 100 },
      probe: async () => {
        if (fail) throw new Error('database away');
        return reading;
      },
    });
    expect((await s.sample()).level).toBe(0);
    reading = { threadsRunning: 10, replicaLagS: null, canaryMs: 55 };
    expect((await s.sample()).level).toBe(0.5);
    fail = true;
    expect(await s.sample()).toMatchObject({ level: 1, failed: true });
    fail = false;
    reading = { threadsRunning: 1, replicaLagS: null, canaryMs: 1 };
    // one good reading halves the strain rather than clearing it
    expect((await s.sample()).level).toBe(0.5);
    expect((await s.sample()).level).toBe(0.25);
  });
});

describe('RateLimit headers (draft-ietf-httpapi-ratelimit-headers), in cost points', () => {
  it('describe the bucket and the in-flight cap, and report what is left', () => {
    expect(rateLimitHeaders({ maximum: 10_000, available: 9_500.6, restorePerSecond: 500 }, 8)).toEqual({
      policy: '"cost";q=10000;w=20;qu="cost-points", "inflight";q=8;qu="concurrent-requests"',
      state: '"cost";r=9500;t=1',
    });
    expect(rateLimitHeaders({ maximum: 100, available: -50, restorePerSecond: 10 }, 2).state).toBe('"cost";r=0;t=15');
  });
});
