import type { PersistedQueryOptions } from '@apollo/server';

type KeyValueCache = NonNullable<PersistedQueryOptions['cache']>;

/** Plain APQ registrations kept in memory (their hash is of their own text, so never stale). */
const MAX_REGISTRATIONS = 1000;
/** Certified lookups kept per identity epoch. */
const MAX_LOOKUPS = 5000;

export interface PersistedQueryCacheDeps {
  /** a certified, unretired document by hash (gw_operation, shared by every instance) */
  documentByHash(hash: string): Promise<string | undefined>;
  /** an object replaced whenever the identity epoch moves (the identity snapshot's client map) */
  epoch(): object;
}

/**
 * Apollo's persisted-query cache: a hash registered with `chartgate operations register` is
 * answered from the first request, on every instance, straight from gw_operation; lookups are
 * kept only until the identity epoch moves, so an unregistered or retired hash stops resolving
 * everywhere within a poll. Ordinary APQ registrations (query text sent with its hash) are kept
 * in memory, bounded, as Apollo's default cache would.
 */
export function createPersistedQueryCache(deps: PersistedQueryCacheDeps): KeyValueCache {
  const registered = new Map<string, string>();
  const lookups = new WeakMap<object, Map<string, string | null>>();
  const hashOf = (key: string) => key.replace(/^apq:/, '');
  return {
    async get(key) {
      const hash = hashOf(key);
      const own = registered.get(hash);
      if (own !== undefined) return own;
      const epoch = deps.epoch();
      let known = lookups.get(epoch);
      if (!known) lookups.set(epoch, (known = new Map()));
      const cached = known.get(hash);
      if (cached !== undefined) return cached ?? undefined;
      // a hash is 64 hex characters: anything else is no registered operation
      const found = /^[0-9a-f]{64}$/.test(hash) ? await deps.documentByHash(hash) : undefined;
      if (known.size >= MAX_LOOKUPS) known.clear();
      known.set(hash, found ?? null);
      return found;
    },
    async set(key, value) {
      if (registered.size >= MAX_REGISTRATIONS) registered.delete(registered.keys().next().value!);
      registered.set(hashOf(key), value);
    },
    async delete(key) {
      return registered.delete(hashOf(key));
    },
  };
}
