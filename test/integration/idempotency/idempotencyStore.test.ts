import { describe, expect } from 'vitest';
import { createRequestContextFactory } from '../../../src/context.js';
import type { Db } from '../../../src/db/createDb.js';
import { createIdempotencyStore } from '../../../src/gateway/idempotency/createIdempotencyStore.js';
import type { IdempotencyClaim, IdempotencyStore } from '../../../src/gateway/idempotency/IdempotencyStore.js';
import { isDomainError } from '../../../src/lib/DomainError.js';
import { harness, matrix, testContextDeps } from '../../harness/harness.js';
import { seedReadFixture } from '../readApi/readFixture.js';
import { writer } from '../writes/writesHarness.js';

const HOUR = 3_600_000;
const HASH = 'a'.repeat(64);

/** A clock the test moves by hand. */
function manualClock(start = Date.parse('2026-03-02T09:00:00Z')) {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'none';
  } catch (e) {
    return isDomainError(e) ? e.code : String(e);
  }
}

/** Services of one request whose Idempotency-Key claim is `claim`, recording through `store`. */
function requestWith(db: Db, store: IdempotencyStore, claim: IdempotencyClaim | null) {
  const contexts = createRequestContextFactory({
    ...testContextDeps(db, { admin: { keyRotationGraceS: 0 } }),
    recordOutcome: (trx, runner, c, outcome) => store.record(trx, runner, c, outcome),
  });
  const ctx = contexts({ principal: writer({ clientId: 42 }), requestId: `idem-${Math.random()}` });
  ctx.writes.claim = claim;
  return ctx;
}

describe.each(matrix())('[%s] Idempotency-Key records', (_name, dialect) => {
  const it = harness(dialect);

  async function setup(db: Db) {
    const fx = await seedReadFixture(db, { patients: 4, appointments: 2 });
    const patient = fx.patients.find((p) => p.clinicId === fx.clinics[0])!;
    const input = (amount: string) => ({ patientId: patient.id, amount, type: 'Cash', splits: [{ amount, providerId: fx.providers[0]! }] });
    const payments = async () =>
      Number(
        (
          await db.interactive
            .selectFrom('payment')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const row = (key: string) =>
      db.interactive.selectFrom('gw_idempotency').selectAll().where('client_id', '=', 42).where('idem_key', '=', key).executeTakeFirst();
    return { fx, patient, input, payments, row };
  }

  it('the key is recorded in the write’s own transaction: a commit records it, a rollback never does, a retry reads the payment back', async ({ db }) => {
    const s = await setup(db);
    const store = createIdempotencyStore(db);
    const before = await s.payments();

    const claim = await store.claim(42, 'pay-1', HASH);
    expect(claim.state).toBe('run');
    const first = requestWith(db, store, claim);
    const paid = await first.services.billing.recordPayment(s.input('25.00'));
    await store.release(claim as IdempotencyClaim & { state: 'run' }, first.writes.committed !== null);
    expect(first.writes.committed).toEqual({ entity: 'Payment', id: paid.payment.id });
    expect(await s.row('pay-1')).toMatchObject({ outcome: JSON.stringify({ entity: 'Payment', id: paid.payment.id }), lease_token: null });

    const again = await store.claim(42, 'pay-1', HASH);
    expect(again).toEqual({ state: 'replay', clientId: 42, key: 'pay-1', outcome: { entity: 'Payment', id: paid.payment.id } });
    const retry = requestWith(db, store, again);
    const replayed = await retry.services.billing.recordPayment(s.input('25.00'));
    expect([replayed.payment.id, replayed.splits.length, retry.writes.replayed]).toEqual([paid.payment.id, 1, true]);
    expect(await s.payments()).toBe(before + 1);
    expect(await codeOf(store.claim(42, 'pay-1', 'b'.repeat(64)))).toBe('IDEMPOTENCY_KEY_REUSED');

    // a write that fails inside its transaction records nothing; giving the lease back leaves no row
    const failing = await store.claim(42, 'pay-2', HASH);
    const bad = requestWith(db, store, failing);
    expect(await codeOf(bad.services.billing.recordPayment({ ...s.input('5.00'), patientId: 999_999 }))).toBe('NOT_FOUND');
    expect((await s.row('pay-2'))?.outcome).toBeNull();
    await store.release(failing as IdempotencyClaim & { state: 'run' }, bad.writes.committed !== null);
    expect(await s.row('pay-2')).toBeUndefined();
    expect((await store.claim(42, 'pay-2', HASH)).state).toBe('run');
  });

  it('keys expire after their retention (injected clock): an old key counts as new, and pruning deletes it', async ({ db }) => {
    const s = await setup(db);
    const clock = manualClock();
    const store = createIdempotencyStore(db, { clock: clock.now, retentionHours: 24 });
    const claim = await store.claim(42, 'old', HASH);
    const ctx = requestWith(db, store, claim);
    await ctx.services.billing.recordPayment(s.input('10.00'));
    await store.release(claim as IdempotencyClaim & { state: 'run' }, true);

    clock.advance(24 * HOUR - 1000);
    expect((await store.claim(42, 'old', HASH)).state).toBe('replay');
    expect(await store.prune()).toBe(0);
    clock.advance(1000);
    expect(await store.prune()).toBe(1);
    expect(await s.row('old')).toBeUndefined();

    const kept = await store.claim(42, 'kept', HASH);
    expect(kept.state).toBe('run');
    clock.advance(24 * HOUR);
    // an expired key is forgotten when it is seen again, even before pruning: a different request may use it
    expect((await store.claim(42, 'kept', 'c'.repeat(64))).state).toBe('run');
  });

  it('a lease another instance holds blocks the key until it expires; then a retry takes it over and the old holder cannot commit', async ({ db }) => {
    const s = await setup(db);
    const clock = manualClock();
    const a = createIdempotencyStore(db, { clock: clock.now, leaseMs: 30_000, waitMs: 0 });
    const b = createIdempotencyStore(db, { clock: clock.now, leaseMs: 30_000, waitMs: 0 });
    const held = await a.claim(42, 'lease', HASH);
    expect(await codeOf(b.claim(42, 'lease', HASH))).toBe('CONFLICT');

    clock.advance(30_000);
    const taken = await b.claim(42, 'lease', HASH);
    expect(taken.state).toBe('run');
    const before = await s.payments();
    // the crashed-looking holder comes back: its transaction finds the key taken over and rolls back
    expect(await codeOf(requestWith(db, a, held).services.billing.recordPayment(s.input('7.00')))).toBe('CONFLICT');
    expect(await s.payments()).toBe(before);
    const winner = requestWith(db, b, taken);
    const paid = await winner.services.billing.recordPayment(s.input('7.00'));
    expect(await s.payments()).toBe(before + 1);
    expect(await b.claim(42, 'lease', HASH)).toMatchObject({ state: 'replay', outcome: { id: paid.payment.id } });
  });

  it('a lease left by a finished request of this process (its release failed) is taken over at once; another instance still waits', async ({ db }) => {
    await setup(db);
    const clock = manualClock();
    const here = createIdempotencyStore(db, { clock: clock.now, waitMs: 0 });
    const elsewhere = createIdempotencyStore(db, { clock: clock.now, waitMs: 0 });
    const first = await here.claim(42, 'orphan', HASH);
    // what a release does when its DELETE cannot reach the database: the request is over, the row stays
    await here.release(first as IdempotencyClaim & { state: 'run' }, true);
    expect(
      (await db.interactive.selectFrom('gw_idempotency').select('lease_token').where('idem_key', '=', 'orphan').executeTakeFirstOrThrow()).lease_token,
    ).toBe((first as { token: string }).token);
    expect(await codeOf(elsewhere.claim(42, 'orphan', HASH))).toBe('CONFLICT');
    expect((await here.claim(42, 'orphan', HASH)).state).toBe('run');
  });
});
