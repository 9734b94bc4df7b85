import type { RedisLink } from '../../redis/createRedisLink.js';
import { DomainError } from '../../lib/DomainError.js';
import { ErrorCode } from '../../lib/ErrorCode.js';
import type { BudgetStore } from './BudgetStore.js';

/** What to do while Redis is away: `open` serves from per-instance budgets, `closed` answers OVERLOADED. */
export type RedisFailureMode = 'open' | 'closed';

/**
 * Shared budgets in Redis with a per-instance fallback: while Redis is down the governor keeps
 * governing (each instance on its own buckets) or, in `closed` mode, refuses; it never answers 500.
 */
export function createFailoverBudgetStore(deps: { shared: BudgetStore; local: BudgetStore; link: RedisLink; mode: RedisFailureMode }): BudgetStore {
  const via = async <T>(fn: (store: BudgetStore) => Promise<T>): Promise<T> => {
    if (deps.link.isUp()) {
      try {
        return await fn(deps.shared);
      } catch (error) {
        deps.link.markDown(error);
        if (deps.link.isUp()) throw error; // a bad command, not an outage
      }
    }
    if (deps.mode === 'closed')
      throw new DomainError(ErrorCode.OVERLOADED, 'Shared budgets are unavailable right now; retry shortly', { details: { retryAfterSeconds: 1 } });
    return fn(deps.local);
  };
  return {
    take: (key, cost, limits) => via((s) => s.take(key, cost, limits)),
    refund: (key, amount, limits) => via((s) => s.refund(key, amount, limits)),
    settle: (key, delta, limits) => via((s) => s.settle(key, delta, limits)),
    peek: (key, limits) => via((s) => s.peek(key, limits)),
    async close() {
      await deps.local.close();
    },
  };
}
