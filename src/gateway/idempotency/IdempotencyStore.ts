import type { Transaction } from 'kysely';
import type { SqlRunner } from '../../db/SqlRunner.js';
import type { Database } from '../../db/tables.js';

/** What a committed write produced: the entity its payload is read back from. */
export interface WriteOutcome {
  /** the GraphQL type, e.g. 'Payment' */
  entity: string;
  id: number;
}

/**
 * A request's hold on its Idempotency-Key. `run`: this request holds the lease and runs the
 * write, whose transaction records the outcome under `token`. `replay`: an earlier request under
 * the key committed; the payload is read back from its outcome and nothing is written.
 */
export type IdempotencyClaim =
  | { readonly state: 'run'; readonly clientId: number; readonly key: string; readonly token: string }
  | { readonly state: 'replay'; readonly clientId: number; readonly key: string; readonly outcome: WriteOutcome };

/** Idempotency-Key records per client (gw_idempotency); swappable, the database one is the default. */
export interface IdempotencyStore {
  /**
   * Takes the key's lease (a new key, or one whose holder crashed or gave it back), or returns
   * the committed outcome to replay, waiting while another request holds a live lease.
   * IDEMPOTENCY_KEY_REUSED when the key was used for a different request; CONFLICT when the
   * holder is still running after the wait.
   */
  claim(clientId: number, key: string, requestHash: string): Promise<IdempotencyClaim>;
  /**
   * In the write's own transaction: records its outcome under the lease, so the key is recorded
   * exactly when the write commits. CONFLICT (and so a rollback) when a retry took the lease over.
   */
  record(trx: Transaction<Database>, runner: SqlRunner, claim: IdempotencyClaim & { state: 'run' }, outcome: WriteOutcome): Promise<void>;
  /**
   * Gives the lease back once the request is over (a request that committed nothing leaves no
   * row, so its retry runs again). When the database is away it throws, and the lease ends with
   * its expiry, or at once for this process's next retry of the key. `committed`: the write's
   * transaction already ended the lease, so no statement is needed.
   */
  release(claim: IdempotencyClaim & { state: 'run' }, committed: boolean): Promise<void>;
  /** deletes the keys past their retention; resolves with how many */
  prune(): Promise<number>;
}
