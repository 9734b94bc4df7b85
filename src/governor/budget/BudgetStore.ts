export interface BucketLimits {
  maximum: number;
  restorePerSecond: number;
}

export interface BucketState {
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
  /** the state now, refilled by elapsed time, changing nothing (the console's budget gauge) */
  peek(key: string, limits: BucketLimits): Promise<BucketState>;
  close(): Promise<void>;
}
