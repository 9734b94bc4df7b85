/** Each client's requests in flight, capped (the bulkhead in front of the database). */
export interface InFlightLimiter {
  /** A lease when the client holds fewer than `max`; null when it is at its cap. Release it exactly once. */
  acquire(key: string, max: number): Promise<(() => void) | null>;
}
