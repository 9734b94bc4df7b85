import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSeed } from '../../../src/db/runSeed.js';
import { TEST_AS_OF } from '../../harness/harness.js';
import type { Db } from '../../../src/db/createDb.js';
import { dialects, type FreshDb } from '../../harness/dialects.js';

const MONEY = new Set(['ProcFee', 'PayAmt', 'SplitAmt', 'Amount']);

/** A digest of every seeded row, normalised so both dialects' shapes compare (SQLite keeps DECIMAL as a number). */
async function digest(db: Db): Promise<string> {
  const hash = createHash('sha256');
  const tables = {
    clinic: 'ClinicNum',
    provider: 'ProvNum',
    operatory: 'OperatoryNum',
    patient: 'PatNum',
    appointment: 'AptNum',
    procedurelog: 'ProcNum',
    payment: 'PayNum',
    paysplit: 'SplitNum',
    fee: 'FeeNum',
  } as const;
  for (const [table, key] of Object.entries(tables)) {
    const rows = await db.interactive
      .selectFrom(table as 'clinic')
      .selectAll()
      .orderBy(key as 'ClinicNum')
      .execute();
    for (const row of rows) {
      const norm = Object.entries(row).map(([k, v]) => [k, MONEY.has(k) ? Number(v).toFixed(2) : v === null ? null : String(v)]);
      hash.update(JSON.stringify(norm));
    }
  }
  return hash.digest('hex');
}

const seeded: { name: string; digest: string }[] = [];

describe.each(dialects)('seed generator [$name]', (dialect) => {
  let fresh: FreshDb;
  let counts: Record<string, number>;
  beforeAll(async () => {
    fresh = await dialect.freshDb();
    counts = await runSeed(fresh.db, { scale: 'demo', seed: 7, asOf: TEST_AS_OF });
  }, 60_000);
  afterAll(() => fresh?.release());

  it('builds the demo practice: families, a calendar around its as-of date, procedures with fees, split payments', async () => {
    expect(counts.patient).toBe(200);
    expect(counts.appointment).toBe(2000);
    expect(counts.procedurelog).toBeGreaterThan(3000);
    expect(counts.paysplit).toBeGreaterThan(counts.payment!);
    const families = await fresh.db.interactive.selectFrom('patient').select('Guarantor').distinct().execute();
    expect(families.length).toBeLessThan(200);
    const span = await fresh.db.interactive
      .selectFrom('appointment')
      .select((eb) => [eb.fn.min('AptDateTime').as('lo'), eb.fn.max('AptDateTime').as('hi')])
      .executeTakeFirstOrThrow();
    // history from four weeks before the as-of date, bookings for two months after it
    expect(String(span.lo) >= '2026-10-04' && String(span.lo) < '2026-10-10').toBe(true);
    expect(String(span.hi) > '2026-12-20' && String(span.hi) <= '2026-12-31 23:59:59').toBe(true);
  });

  it('every payment equals the exact sum of its splits', async () => {
    const bad = await sql<{ n: number }>`select count(*) as n from payment p
      where round(p.PayAmt * 100) <> (select round(sum(s.SplitAmt) * 100) from paysplit s where s.PayNum = p.PayNum)`.execute(fresh.db.interactive);
    expect(Number(bad.rows[0]!.n)).toBe(0);
  });

  it('no operatory is double booked', async () => {
    const rows = await fresh.db.interactive.selectFrom('appointment').select(['Op', 'AptDateTime', 'Pattern']).orderBy('Op').orderBy('AptDateTime').execute();
    let overlaps = 0;
    for (let i = 1; i < rows.length; i++) {
      const a = rows[i - 1]!;
      const b = rows[i]!;
      const end = Date.parse(`${a.AptDateTime.replace(' ', 'T')}Z`) + a.Pattern.length * 5 * 60_000;
      if (a.Op === b.Op && end > Date.parse(`${b.AptDateTime.replace(' ', 'T')}Z`)) overlaps++;
    }
    expect(overlaps).toBe(0);
  });

  it('the same seed gives the same data on every dialect', async () => {
    seeded.push({ name: dialect.name, digest: await digest(fresh.db) });
    // the last dialect to run compares with the ones before it
    for (const other of seeded) expect(other.digest).toBe(seeded[0]!.digest);
  });

  it('refuses to seed a database that already holds patients', async () => {
    await expect(runSeed(fresh.db, { scale: 'demo', seed: 7, asOf: TEST_AS_OF })).rejects.toThrow(/already/);
  });
});
