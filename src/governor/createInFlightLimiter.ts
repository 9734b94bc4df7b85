/** Per-process count of each client's requests in flight (the bulkhead in front of the pools). */
export function createInFlightLimiter() {
  const counts = new Map<string, number>();
  return {
    tryAcquire(key: string, max: number): boolean {
      const n = counts.get(key) ?? 0;
      if (n >= max) return false;
      counts.set(key, n + 1);
      return true;
    },
    release(key: string): void {
      const n = (counts.get(key) ?? 0) - 1;
      if (n <= 0) counts.delete(key);
      else counts.set(key, n);
    },
    current: (key: string): number => counts.get(key) ?? 0,
  };
}
