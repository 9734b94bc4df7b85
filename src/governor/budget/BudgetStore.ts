export interface BucketLimits {
  maximum: number;
  restorePerSecond: number;
}

export interface BucketState {
  /** may be below zero after a settlement charged more than the estimate */
  available: number;
  maximum: number;
  restorePerSecond: number;
}

export interface TakeResult extends BucketState {
  ok: boolean;
  /** seconds until `cost` would fit; 0 when ok */
  retryAfterSeconds: number;
}

/** A leaky bucket of cost points per client: the smallest interface, in memory by default, Redis when shared. */
export interface BudgetStore {
  /** refill by elapsed time, then debit `cost` if it fits (never below 0) */
  take(key: string, cost: number, limits: BucketLimits): Promise<TakeResult>;
  /** give back `amount` (capped at maximum); returns the state after */
  refund(key: string, amount: number, limits: BucketLimits): Promise<BucketState>;
  /** settle a request: `delta` > 0 debits even below zero (it cost more than estimated), < 0 refunds */
  settle(key: string, delta: number, limits: BucketLimits): Promise<BucketState>;
  /** the bucket as it is now, unchanged */
  peek(key: string, limits: BucketLimits): Promise<BucketState>;
  close(): Promise<void>;
}

/** Seconds until `cost` fits into a bucket holding `available` (a cost above the maximum waits for a full bucket). */
export const secondsUntil = (cost: number, available: number, limits: BucketLimits): number =>
  Math.max(0, Math.ceil((Math.min(cost, limits.maximum) - available) / limits.restorePerSecond));
