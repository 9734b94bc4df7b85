import { describe, expect, it } from 'vitest';
import { createPersistedQueryCache } from '../../../src/governor/certification/createPersistedQueryCache.js';

const HASH = 'a'.repeat(64);

describe('the persisted-query cache behind Apollo (certified operations by hash)', () => {
  it('reads gw_operation once per identity epoch, and afresh after the epoch moves', async () => {
    const stored = new Map([[HASH, '{ clinics { id } }']]);
    let lookups = 0;
    let epoch = {};
    const cache = createPersistedQueryCache({
      documentByHash: async (h) => {
        lookups++;
        return stored.get(h);
      },
      epoch: () => epoch,
    });
    expect(await cache.get(`apq:${HASH}`)).toBe('{ clinics { id } }');
    expect(await cache.get(`apq:${HASH}`)).toBe('{ clinics { id } }');
    expect(lookups).toBe(1);
    stored.delete(HASH); // unregistered somewhere: this instance learns it when the epoch moves
    expect(await cache.get(`apq:${HASH}`)).toBe('{ clinics { id } }');
    epoch = {};
    expect(await cache.get(`apq:${HASH}`)).toBeUndefined();
    expect(lookups).toBe(2);
  });

  it('keeps ordinary APQ registrations in memory and never asks the database about a non-hash', async () => {
    let lookups = 0;
    const cache = createPersistedQueryCache({ documentByHash: async () => (lookups++, undefined), epoch: () => ({}) });
    await cache.set(`apq:${'b'.repeat(64)}`, '{ viewer { scopes } }');
    expect(await cache.get(`apq:${'b'.repeat(64)}`)).toBe('{ viewer { scopes } }');
    expect(await cache.get('apq:not-a-hash')).toBeUndefined();
    expect(lookups).toBe(0);
    expect(await cache.delete(`apq:${'b'.repeat(64)}`)).toBe(true);
  });
});
