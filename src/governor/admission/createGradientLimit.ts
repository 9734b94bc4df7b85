/** A concurrency limit that follows the database's round-trip time (Netflix concurrency-limits' Gradient2). */
export interface AdaptiveLimit {
  /** statements that may run at once right now */
  readonly limit: number;
  /** one finished statement: how long it took and how many were running when it started */
  sample(rttMs: number, inFlight: number): void;
}

export interface GradientLimitOptions {
  /** starting limit; default the maximum */
  initial?: number;
  /** never below this; default 1 */
  min?: number;
  max: number;
  /** how far the short-term RTT may exceed the long-term one before the limit shrinks; default 2 */
  tolerance?: number;
  /** weight of each new limit estimate; default 0.2 */
  smoothing?: number;
  /** windows the long-term RTT averages over; default 60 */
  longWindow?: number;
  /** statements per window: the limit moves once per window, on the window's mean RTT; default 10 */
  windowSize?: number;
}

/**
 * Gradient2 behind a sample window (as concurrency-limits' WindowedLimit wraps it): one slow
 * statement on a busy host is noise, a slow window is the database. Per window: gradient = clamp(tolerance x longRtt / rtt, 0.5, 1); the new limit is
 * limit x gradient + log10(limit) (room to probe upwards, small enough that a pool of four can
 * still shrink to one), smoothed, within [min, max]. When the
 * database slows, statements take longer than they used to and the limit falls; when they are as
 * fast as usual again it climbs back. The limit does not grow while fewer than half its slots are used.
 */
export function createGradientLimit(opts: GradientLimitOptions): AdaptiveLimit {
  const min = opts.min ?? 1;
  const tolerance = opts.tolerance ?? 2;
  const smoothing = opts.smoothing ?? 0.2;
  const alpha = 2 / ((opts.longWindow ?? 60) + 1);
  const windowSize = opts.windowSize ?? 10;
  let estimate = opts.initial ?? opts.max;
  let longRtt = 0;
  let windowSum = 0;
  let windowCount = 0;
  let windowInFlight = 0;
  return {
    get limit() {
      return Math.max(min, Math.min(opts.max, Math.floor(estimate)));
    },
    sample(rttMs, inFlight) {
      windowSum += rttMs;
      windowInFlight = Math.max(windowInFlight, inFlight);
      if (++windowCount < windowSize) return;
      const rtt = Math.max(0.05, windowSum / windowCount);
      inFlight = windowInFlight;
      windowSum = windowCount = windowInFlight = 0;
      longRtt = longRtt === 0 ? rtt : longRtt + alpha * (rtt - longRtt);
      // the database got fast again: let the baseline follow it down quickly, so recovery is seen as recovery
      if (longRtt / rtt > 2) longRtt *= 0.95;
      const gradient = Math.max(0.5, Math.min(1, (tolerance * longRtt) / rtt));
      const next = estimate * gradient + Math.max(0.5, Math.log10(estimate));
      if (next > estimate && inFlight < estimate / 2) return;
      estimate = Math.max(min, Math.min(opts.max, estimate * (1 - smoothing) + next * smoothing));
    },
  };
}
