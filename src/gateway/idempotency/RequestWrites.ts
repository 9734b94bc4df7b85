import type { IdempotencyClaim, WriteOutcome } from './IdempotencyStore.js';

/**
 * One request's write state in its context: the HTTP edge sets the Idempotency-Key claim before
 * execution, the write service records what it committed, and the edge reads both afterwards.
 */
export interface RequestWrites {
  /** null: the request carries no Idempotency-Key */
  claim: IdempotencyClaim | null;
  /** what this request's write committed, once it has */
  committed: WriteOutcome | null;
  /** the payload was read back from an earlier request's outcome (Idempotent-Replayed) */
  replayed: boolean;
}

export const newRequestWrites = (): RequestWrites => ({ claim: null, committed: null, replayed: false });
