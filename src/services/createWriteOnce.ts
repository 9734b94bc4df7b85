import type { Transaction } from 'kysely';
import type { SqlRunner } from '../db/SqlRunner.js';
import type { Database } from '../db/tables.js';
import type { IdempotencyStore, WriteOutcome } from '../gateway/idempotency/IdempotencyStore.js';
import type { RequestWrites } from '../gateway/idempotency/RequestWrites.js';
import { DomainError, isDomainError } from '../lib/DomainError.js';
import { ErrorCode } from '../lib/ErrorCode.js';

/** One mutation's write, split so that a retry under its Idempotency-Key can read the payload back without writing. */
export interface WriteSpec<T> {
  /** the GraphQL type the payload is read from, recorded with its id */
  entity: string;
  /** validates and writes in the transaction; resolves with the id of the entity written */
  write(trx: Transaction<Database>): Promise<number>;
  /** reads the payload by id: in the write's transaction, or on the primary for a replay */
  load(trx: Transaction<Database>, id: number): Promise<T>;
}

/** Runs a write exactly once per Idempotency-Key (or plainly, without one). */
export type WriteOnce = <T>(purpose: string, spec: WriteSpec<T>) => Promise<T>;

const label = (o: WriteOutcome) => `${o.entity} ${o.id}`;
const reasonOf = (err: unknown) => (isDomainError(err) ? err.code : ErrorCode.INTERNAL_SERVER_ERROR);

/**
 * A failure after the commit: with its Idempotency-Key a retry is safe (it reads the result back),
 * so the code stays and the message says so; without one the client must not repeat the write.
 */
function afterCommit(err: unknown, outcome: WriteOutcome, keyed: boolean): unknown {
  if (isDomainError(err) && (err.code === ErrorCode.WRITE_UNCONFIRMED || err.details?.committed !== undefined)) return err;
  const facts = { committed: true, entity: outcome.entity, id: String(outcome.id) };
  if (keyed) {
    if (!isDomainError(err)) return err;
    return new DomainError(err.code, `${err.message}. The write was committed (${label(outcome)}): retry with the same Idempotency-Key to read its result`, {
      field: err.field,
      details: { ...err.details, ...facts },
      cause: err,
    });
  }
  return new DomainError(
    ErrorCode.WRITE_UNCONFIRMED,
    `The write was committed (${label(outcome)}) but its result could not be read (${reasonOf(err)}); do not repeat it: read ${label(outcome)}, or send writes with an Idempotency-Key`,
    { details: { ...facts, reason: reasonOf(err) }, cause: err },
  );
}

/** The connection was lost while committing: the write may or may not be saved. */
function commitUnknown(err: unknown, keyed: boolean): unknown {
  if (!isDomainError(err) || err.code !== ErrorCode.DATABASE_UNAVAILABLE) return err;
  if (keyed) {
    return new DomainError(
      ErrorCode.DATABASE_UNAVAILABLE,
      'The database went away while the write committed; retry with the same Idempotency-Key: it returns the result if the write was saved and runs it if it was not',
      { details: { committed: 'unknown' }, cause: err },
    );
  }
  return new DomainError(
    ErrorCode.WRITE_UNCONFIRMED,
    'The database went away while the write committed: it may or may not have been saved; do not repeat it blindly: check first, or send writes with an Idempotency-Key',
    { details: { committed: 'unknown', reason: err.code }, cause: err },
  );
}

/**
 * The one path every domain write takes. With an Idempotency-Key whose earlier request committed,
 * nothing is written: the payload is read back by the recorded id, on the primary. Otherwise the
 * write runs in one transaction that also records its outcome under the key (so the key is
 * recorded exactly when the write commits); after the commit every read of the request runs on
 * the primary and every failure says the write was committed.
 */
export function createWriteOnce(deps: { runner: SqlRunner; writes: RequestWrites; record?: IdempotencyStore['record'] }): WriteOnce {
  const { runner, writes } = deps;
  return async (purpose, spec) => {
    const claim = writes.claim;
    if (claim?.state === 'replay') {
      if (claim.outcome.entity !== spec.entity) {
        throw new DomainError(ErrorCode.IDEMPOTENCY_KEY_REUSED, 'This Idempotency-Key was already used for a different request', { field: 'Idempotency-Key' });
      }
      runner.afterCommit((err) => err);
      writes.replayed = true;
      return runner.transaction(`${purpose}.replay`, (trx) => spec.load(trx, claim.outcome.id));
    }
    const record = deps.record;
    if (claim && !record) throw new Error('an Idempotency-Key claim without an idempotency store');
    let outcome: WriteOutcome | undefined;
    let committing = false;
    // an earlier write of this request (services reused by a script, or a second mutation field) does not explain this one's errors
    runner.afterCommit(null);
    try {
      const result = await runner.transaction(purpose, async (trx) => {
        committing = false;
        const id = await spec.write(trx);
        outcome = { entity: spec.entity, id };
        if (claim && record) await record(trx, runner, claim, outcome);
        const loaded = await spec.load(trx, id);
        committing = true;
        return loaded;
      });
      const done = outcome as WriteOutcome;
      writes.committed = done;
      runner.afterCommit((err) => afterCommit(err, done, claim !== null));
      return result;
    } catch (err) {
      throw committing ? commitUnknown(err, claim !== null) : err;
    }
  };
}
