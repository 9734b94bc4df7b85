import type { InFlightLimiter } from './InFlightLimiter.js';

/** Per-process counts (the default, and the fallback while Redis is away). */
export function createMemoryInFlightLimiter(): InFlightLimiter & { current(key: string): number } {
  const counts = new Map<string, number>();
  return {
    async acquire(key, max) {
      const n = counts.get(key) ?? 0;
      if (n >= max) return null;
      counts.set(key, n + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (counts.get(key) ?? 1) - 1;
        if (left <= 0) counts.delete(key);
        else counts.set(key, left);
      };
    },
    current: (key) => counts.get(key) ?? 0,
  };
}
