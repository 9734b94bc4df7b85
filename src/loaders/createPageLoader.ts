import DataLoader from 'dataloader';
import type { Page } from '../services/types.js';

/** One nested connection request: the parent and the field's arguments. */
export interface PageKey<A> {
  parentId: number;
  args: A;
}

/**
 * A per-request loader of one connection page per parent (e.g. Patient.appointments). Keys with
 * the same arguments are fetched together by one service call (one statement); an error (bad
 * `first`, malformed cursor) fails just the keys of that argument set.
 */
export function createPageLoader<A, T>(
  fetch: (parentIds: readonly number[], args: A) => Promise<Map<number, Page<T>>>,
): DataLoader<PageKey<A>, Page<T>, string> {
  const argsKey = (args: A) => JSON.stringify(args ?? {});
  return new DataLoader<PageKey<A>, Page<T>, string>(
    async (keys) => {
      const groups = new Map<string, { args: A; parentIds: number[] }>();
      for (const key of keys) {
        const k = argsKey(key.args);
        const group = groups.get(k);
        if (group) group.parentIds.push(key.parentId);
        else groups.set(k, { args: key.args, parentIds: [key.parentId] });
      }
      const results = new Map<string, Map<number, Page<T>> | Error>();
      await Promise.all(
        [...groups].map(async ([k, g]) => {
          try {
            results.set(k, await fetch([...new Set(g.parentIds)], g.args));
          } catch (error) {
            results.set(k, error instanceof Error ? error : new Error(String(error)));
          }
        }),
      );
      return keys.map((key) => {
        const result = results.get(argsKey(key.args));
        if (!result) return new Error('page loader lost a key');
        if (result instanceof Error) return result;
        return result.get(key.parentId) ?? new Error('page loader lost a key');
      });
    },
    { cacheKeyFn: (key) => `${key.parentId}|${argsKey(key.args)}` },
  );
}
