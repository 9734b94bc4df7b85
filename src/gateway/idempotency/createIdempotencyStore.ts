import type { Db } from '../../db/Db.js';
import { createSqlRunner } from '../../db/SqlRunner.js';
import { DomainError } from '../../lib/DomainError.js';
import { ErrorCode } from '../../lib/ErrorCode.js';
import { toSqlDateTime } from '../../lib/dates.js';

export type IdempotencyClaim = { state: 'claimed' } | { state: 'replay'; response: string };

/** Idempotency-Key records per client (gw_idempotency); swappable, the database one is the default. */
export interface IdempotencyStore {
  /**
   * Claims `key` for this request (the unique index decides between concurrent retries), or
   * returns the first request's stored response, waiting while that request still runs.
   * Throws IDEMPOTENCY_KEY_REUSED when the key was used for a different request.
   */
  claim(clientId: number, key: string, requestHash: string): Promise<IdempotencyClaim>;
  /** stores the first result, for replay */
  complete(clientId: number, key: string, response: string): Promise<void>;
  /** forgets a claim whose request failed (it wrote nothing), so a retry runs again */
  release(clientId: number, key: string): Promise<void>;
}

export interface IdempotencyStoreOptions {
  /** how long a retry waits for the first request to finish; default 10000 ms */
  waitMs?: number;
  /** poll interval while waiting; default 50 ms */
  pollMs?: number;
  clock?: () => Date;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createIdempotencyStore(db: Db, opts: IdempotencyStoreOptions = {}): IdempotencyStore {
  const waitMs = opts.waitMs ?? 10_000;
  const pollMs = opts.pollMs ?? 50;
  const clock = opts.clock ?? (() => new Date());
  const runnerFor = (clientId: number) => createSqlRunner(db, { clientId, requestId: 'idempotency' });
  const k = db.interactive;

  const read = (clientId: number, key: string) =>
    runnerFor(clientId).readInteractive(
      'idempotency.read',
      k.selectFrom('gw_idempotency').select(['request_hash', 'response']).where('client_id', '=', clientId).where('idem_key', '=', key),
    );

  return {
    async claim(clientId, key, requestHash) {
      const runner = runnerFor(clientId);
      const row = { client_id: clientId, idem_key: key, request_hash: requestHash, response: null, created_at: toSqlDateTime(clock()) };
      const insert = k.insertInto('gw_idempotency').orIgnore().values(row);
      const inserted = await runner.transaction('idempotency.claim', (trx) => runner.exec(trx, 'idempotency.claim', insert));
      if (Number(inserted.numAffectedRows ?? 0n) > 0) return { state: 'claimed' };
      const deadline = Date.now() + waitMs;
      for (;;) {
        const [existing] = await read(clientId, key);
        // released while we looked: claim it again
        if (!existing) return this.claim(clientId, key, requestHash);
        if (existing.request_hash !== requestHash) {
          throw new DomainError(ErrorCode.IDEMPOTENCY_KEY_REUSED, 'This Idempotency-Key was already used for a different request', {
            field: 'Idempotency-Key',
          });
        }
        if (existing.response !== null) return { state: 'replay', response: existing.response };
        if (Date.now() > deadline) {
          throw new DomainError(ErrorCode.CONFLICT, 'A request with this Idempotency-Key is still running; retry later', { field: 'Idempotency-Key' });
        }
        await sleep(pollMs);
      }
    },
    async complete(clientId, key, response) {
      const runner = runnerFor(clientId);
      await runner.transaction('idempotency.complete', (trx) =>
        runner.exec(
          trx,
          'idempotency.complete',
          trx.updateTable('gw_idempotency').set({ response }).where('client_id', '=', clientId).where('idem_key', '=', key),
        ),
      );
    },
    async release(clientId, key) {
      const runner = runnerFor(clientId);
      await runner.transaction('idempotency.release', (trx) =>
        runner.exec(
          trx,
          'idempotency.release',
          trx.deleteFrom('gw_idempotency').where('client_id', '=', clientId).where('idem_key', '=', key).where('response', 'is', null),
        ),
      );
    },
  };
}
