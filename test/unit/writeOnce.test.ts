import type { Transaction } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { SqlRunner } from '../../src/db/SqlRunner.js';
import type { Database } from '../../src/db/tables.js';
import { newRequestWrites } from '../../src/gateway/idempotency/RequestWrites.js';
import { DomainError, isDomainError } from '../../src/lib/DomainError.js';
import { ErrorCode } from '../../src/lib/ErrorCode.js';
import { createWriteOnce } from '../../src/services/createWriteOnce.js';

/** A runner whose transaction runs its body and then loses the connection at COMMIT. */
function commitFails(): SqlRunner & { explained?: (err: unknown) => unknown } {
  const runner: SqlRunner & { explained?: (err: unknown) => unknown } = {
    syntax: undefined as never,
    read: async () => [],
    readInteractive: async () => [],
    exec: async () => ({ rows: [] }),
    async transaction(_purpose, fn) {
      await fn({} as Transaction<Database>);
      throw new DomainError(ErrorCode.DATABASE_UNAVAILABLE, 'The database cannot be reached; it is safe to retry');
    },
    afterCommit(fn) {
      runner.explained = fn ?? undefined;
    },
  };
  return runner;
}

const spec = { entity: 'Payment', write: async () => 812, load: async (_trx: unknown, id: number) => ({ id }) };
const caught = async (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (isDomainError(e) ? e : null),
  );

describe('writeOnce: failures a committed (or maybe committed) write must not hide', () => {
  it('a connection lost at COMMIT: keyless, WRITE_UNCONFIRMED (outcome unknown); keyed, DATABASE_UNAVAILABLE saying the same key is safe', async () => {
    const keyless = await caught(createWriteOnce({ runner: commitFails(), writes: newRequestWrites() })('billing.recordPayment', spec));
    expect([keyless?.code, keyless?.details]).toEqual([ErrorCode.WRITE_UNCONFIRMED, { committed: 'unknown', reason: 'DATABASE_UNAVAILABLE' }]);

    const writes = newRequestWrites();
    writes.claim = { state: 'run', clientId: 1, key: 'k', token: 't' };
    const keyed = await caught(createWriteOnce({ runner: commitFails(), writes, record: async () => {} })('billing.recordPayment', spec));
    expect([keyed?.code, keyed?.details, keyed?.message]).toEqual([
      ErrorCode.DATABASE_UNAVAILABLE,
      { committed: 'unknown' },
      expect.stringContaining('retry with the same Idempotency-Key'),
    ]);
    expect(writes.committed).toBeNull();
  });

  it('after the commit a later failure names the write; keyed it keeps its code, keyless it is WRITE_UNCONFIRMED', async () => {
    for (const keyed of [false, true]) {
      let explain: ((err: unknown) => unknown) | null = null;
      const runner = {
        ...commitFails(),
        transaction: async (_p: string, fn: (t: Transaction<Database>) => Promise<unknown>) => fn({} as Transaction<Database>),
        afterCommit: (fn: typeof explain) => (explain = fn),
      } as unknown as SqlRunner;
      const writes = newRequestWrites();
      if (keyed) writes.claim = { state: 'run', clientId: 1, key: 'k', token: 't' };
      await createWriteOnce({ runner, writes, record: async () => {} })('billing.recordPayment', spec);
      expect(writes.committed).toEqual({ entity: 'Payment', id: 812 });
      const later = explain!(new DomainError(ErrorCode.OVERLOADED, 'The reporting pool is saturated; retry shortly')) as DomainError;
      expect([later.code, later.details]).toEqual(
        keyed
          ? [ErrorCode.OVERLOADED, { committed: true, entity: 'Payment', id: '812' }]
          : [ErrorCode.WRITE_UNCONFIRMED, { committed: true, entity: 'Payment', id: '812', reason: 'OVERLOADED' }],
      );
      // explaining twice changes nothing (a transaction rethrows what its statement already explained)
      expect(explain!(later)).toBe(later);
    }
  });
});
