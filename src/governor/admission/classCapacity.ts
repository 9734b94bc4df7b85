import type { ClientClass, SchedulerShares } from './createFairScheduler.js';

/**
 * How many of `limit` slots a class may hold together at this strain (0..1): interactive all of
 * them; reporting and bulk their share, shrinking with the strain, and never the slots kept for
 * interactive clients (a quarter of the limit; a pool of one cannot keep one back). Reporting
 * always keeps one slot, bulk may be left none.
 */
export function classCapacity(cls: ClientClass, limit: number, strain: number, shares: SchedulerShares): number {
  if (cls === 'interactive') return limit;
  const s = Math.max(0, Math.min(1, strain));
  const reserve = limit >= 2 ? Math.max(1, Math.ceil(limit / 4)) : 0;
  const share = cls === 'reporting' ? Math.max(1, Math.floor(limit * shares.reporting * (1 - s))) : Math.floor(limit * shares.bulk * (1 - s));
  return Math.max(0, Math.min(share, limit - reserve));
}
