/**
 * When a failed delivery is tried again: exponential backoff (10 s, growing 2.5 times per attempt,
 * at most 12 h between attempts) with up to 20% added at random so retries of many deliveries
 * spread out. 16 attempts span about three and a quarter days; docs/events.md has the table.
 */
export interface RetrySchedule {
  /** attempts in all, the first included */
  readonly attempts: number;
  /** ms to wait after failed attempt `attempt` (1 = the first), or null when it was the last */
  delayAfter(attempt: number): number | null;
  /** the longest wait between attempts (Retry-After is capped to it) */
  readonly maxDelayMs: number;
}

const RETRY_BASE_MS = 10_000;
const RETRY_FACTOR = 2.5;
const RETRY_MAX_DELAY_MS = 12 * 3_600_000;
export const RETRY_ATTEMPTS = 16;
/** the most a delay is stretched by jitter (never shortened, so the schedule never spans less than its nominal length) */
const RETRY_JITTER = 0.2;

/** The delay after attempt n without jitter. */
export const nominalDelayAfter = (attempt: number): number => Math.min(RETRY_MAX_DELAY_MS, RETRY_BASE_MS * RETRY_FACTOR ** (attempt - 1));

export function createRetrySchedule(random: () => number = Math.random): RetrySchedule {
  return {
    attempts: RETRY_ATTEMPTS,
    maxDelayMs: RETRY_MAX_DELAY_MS,
    delayAfter(attempt) {
      if (!Number.isInteger(attempt) || attempt < 1 || attempt >= RETRY_ATTEMPTS) return null;
      return Math.round(nominalDelayAfter(attempt) * (1 + RETRY_JITTER * random()));
    },
  };
}
