import { randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../../db/Db.js';
import { createSqlRunner } from '../../db/SqlRunner.js';
import { DomainError } from '../../lib/DomainError.js';
import { ErrorCode } from '../../lib/ErrorCode.js';
import { toSqlDateTime } from '../../lib/dates.js';
import type { IdempotencyClaim, IdempotencyStore, WriteOutcome } from './IdempotencyStore.js';

export interface IdempotencyStoreOptions {
  /** IDEMPOTENCY_RETENTION_HOURS; default 24 */
  retentionHours?: number;
  /** IDEMPOTENCY_LEASE_MS; default 30000 */
  leaseMs?: number;
  /** IDEMPOTENCY_WAIT_MS; default 10000 */
  waitMs?: number;
  /** poll interval while waiting for a lease holder; default 50 ms */
  pollMs?: number;
  /** judges leases and retention (tests inject one); the wait itself runs on real time */
  clock?: () => Date;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const field = 'Idempotency-Key';

/**
 * The database IdempotencyStore. A key's row is inserted with a lease (token + expiry) before the
 * write runs; the write's transaction records its outcome only while its token still holds the
 * lease, so of two requests that both believe they hold a key, exactly one can commit. A lease is
 * taken over once it has expired (its holder crashed), or at once when its holder was a request
 * of this process that has finished (its release failed because the database was away).
 */
export function createIdempotencyStore(db: Db, opts: IdempotencyStoreOptions = {}): IdempotencyStore {
  const retentionMs = (opts.retentionHours ?? 24) * 3_600_000;
  const leaseMs = opts.leaseMs ?? 30_000;
  const waitMs = opts.waitMs ?? 10_000;
  const pollMs = opts.pollMs ?? 50;
  const clock = opts.clock ?? (() => new Date());
  // tells this process's finished requests from another instance's running ones
  const instance = randomBytes(6).toString('hex');
  const running = new Set<string>();
  const runnerFor = (clientId: number) => createSqlRunner(db, { clientId, requestId: 'idempotency' });
  const k = db.interactive;

  const abandonedHere = (token: string) => token.startsWith(`${instance}:`) && !running.has(token);
  const row = (clientId: number, key: string) =>
    runnerFor(clientId).readInteractive(
      'idempotency.read',
      k
        .selectFrom('gw_idempotency')
        .select(['request_hash', 'lease_token', 'lease_until_ms', 'outcome', 'expires_at'])
        .where('client_id', '=', clientId)
        .where('idem_key', '=', key),
    );

  async function tryInsert(clientId: number, key: string, requestHash: string, token: string, now: Date): Promise<boolean> {
    const runner = runnerFor(clientId);
    const values = {
      client_id: clientId,
      idem_key: key,
      request_hash: requestHash,
      response: null,
      lease_token: token,
      lease_until_ms: now.getTime() + leaseMs,
      outcome: null,
      committed_at: null,
      created_at: toSqlDateTime(now),
      expires_at: toSqlDateTime(new Date(now.getTime() + retentionMs)),
    };
    const inserted = await runner.transaction('idempotency.claim', (trx) =>
      runner.exec(trx, 'idempotency.claim', trx.insertInto('gw_idempotency').orIgnore().values(values)),
    );
    return Number(inserted.numAffectedRows ?? 0n) > 0;
  }

  /** compare-and-set on the lease holder: only one of several waiting retries takes it over */
  async function takeOver(clientId: number, key: string, from: string | null, token: string, now: Date): Promise<boolean> {
    const runner = runnerFor(clientId);
    const updated = await runner.transaction('idempotency.takeOver', (trx) =>
      runner.exec(
        trx,
        'idempotency.takeOver',
        trx
          .updateTable('gw_idempotency')
          .set({ lease_token: token, lease_until_ms: now.getTime() + leaseMs })
          .where('client_id', '=', clientId)
          .where('idem_key', '=', key)
          .where('outcome', 'is', null)
          .where('lease_token', from === null ? 'is' : '=', from),
      ),
    );
    return Number(updated.numAffectedRows ?? 0n) > 0;
  }

  async function forgetExpired(clientId: number, key: string, now: Date): Promise<void> {
    const runner = runnerFor(clientId);
    await runner.transaction('idempotency.expire', (trx) =>
      runner.exec(
        trx,
        'idempotency.expire',
        trx.deleteFrom('gw_idempotency').where('client_id', '=', clientId).where('idem_key', '=', key).where('expires_at', '<=', toSqlDateTime(now)),
      ),
    );
  }

  return {
    async claim(clientId, key, requestHash): Promise<IdempotencyClaim> {
      const token = `${instance}:${randomUUID()}`;
      const waitUntil = performance.now() + waitMs;
      for (;;) {
        const now = clock();
        if (await tryInsert(clientId, key, requestHash, token, now)) {
          running.add(token);
          return { state: 'run', clientId, key, token };
        }
        const [existing] = await row(clientId, key);
        // released between the insert and the read: try again
        if (!existing) continue;
        if (existing.expires_at !== null && existing.expires_at <= toSqlDateTime(now)) {
          await forgetExpired(clientId, key, now);
          continue;
        }
        if (existing.request_hash !== requestHash) {
          throw new DomainError(ErrorCode.IDEMPOTENCY_KEY_REUSED, 'This Idempotency-Key was already used for a different request', { field });
        }
        if (existing.outcome !== null) return { state: 'replay', clientId, key, outcome: JSON.parse(existing.outcome) as WriteOutcome };
        const holder = existing.lease_token;
        const expired = existing.lease_until_ms === null || Number(existing.lease_until_ms) <= now.getTime();
        if (holder === null || expired || abandonedHere(holder)) {
          if (await takeOver(clientId, key, holder, token, now)) {
            running.add(token);
            return { state: 'run', clientId, key, token };
          }
          continue;
        }
        if (performance.now() >= waitUntil) {
          throw new DomainError(ErrorCode.CONFLICT, 'A request with this Idempotency-Key is still running; retry later', {
            field,
            details: { retryAfterMs: Math.max(0, Number(existing.lease_until_ms) - now.getTime()) },
          });
        }
        await sleep(pollMs);
      }
    },

    async record(trx, runner, claim, outcome) {
      const updated = await runner.exec(
        trx,
        'idempotency.record',
        trx
          .updateTable('gw_idempotency')
          .set({ outcome: JSON.stringify(outcome), committed_at: toSqlDateTime(clock()), lease_token: null, lease_until_ms: null })
          .where('client_id', '=', claim.clientId)
          .where('idem_key', '=', claim.key)
          .where('lease_token', '=', claim.token)
          .where('outcome', 'is', null),
      );
      if (Number(updated.numAffectedRows ?? 0n) !== 1) {
        throw new DomainError(ErrorCode.CONFLICT, 'A retry took this Idempotency-Key over while the request ran; this request wrote nothing', { field });
      }
    },

    async release(claim, committed) {
      try {
        if (committed) return;
        const runner = runnerFor(claim.clientId);
        await runner.transaction('idempotency.release', (trx) =>
          runner.exec(
            trx,
            'idempotency.release',
            trx
              .deleteFrom('gw_idempotency')
              .where('client_id', '=', claim.clientId)
              .where('idem_key', '=', claim.key)
              .where('lease_token', '=', claim.token)
              .where('outcome', 'is', null),
          ),
        );
      } finally {
        // even when the delete failed: this process's next retry of the key takes it over at once
        running.delete(claim.token);
      }
    },

    async prune() {
      const runner = runnerFor(0);
      const deleted = await runner.transaction('idempotency.prune', (trx) =>
        runner.exec(trx, 'idempotency.prune', trx.deleteFrom('gw_idempotency').where('expires_at', '<=', toSqlDateTime(clock()))),
      );
      return Number(deleted.numAffectedRows ?? 0n);
    },
  };
}
