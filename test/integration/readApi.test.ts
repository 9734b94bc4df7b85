import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCents, centsToMoney } from '../../src/lib/money.js';
import { matrix, type FreshDb } from '../harness/harness.js';
import { createReadApi, principalFor } from './readApi/readApiHarness.js';
import { seedReadFixture, type ReadFixture } from './readApi/readFixture.js';

const MONEY = /^-?\d+\.\d{2}$/;

describe.each(matrix())('read API [%s]', (_name, dialect) => {
  let t: FreshDb;
  let fx: ReadFixture;
  let run: ReturnType<typeof createReadApi>;

  beforeAll(async () => {
    t = await dialect.freshDb();
    fx = await seedReadFixture(t.db);
    run = createReadApi(t.db);
  });
  afterAll(async () => {
    await t?.release();
  });

  /** Walks a connection to the end with `first`, returning every node. */
  async function walk(field: string, selection: string, args: string, first: number, principal = principalFor()) {
    const nodes: any[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const res: any = await run(
        `query($first: Int!, $after: String) { ${field}(${args ? `${args}, ` : ''}first: $first, after: $after) { edges { cursor node { ${selection} } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`,
        { first, after },
        principal,
      );
      expect(res.errors).toEqual([]);
      const conn = res.data[field];
      expect(conn.pageInfo.hasPreviousPage).toBe(after !== null);
      nodes.push(...conn.edges.map((e: any) => e.node));
      pages++;
      if (!conn.pageInfo.hasNextPage) break;
      expect(conn.edges).toHaveLength(first);
      after = conn.pageInfo.endCursor;
      if (pages > 1000) throw new Error('pagination does not end');
    }
    return nodes;
  }

  it('answers a nested query with clean names, exact money and ISO dates', async () => {
    const res: any = await run(`{
      appointments(first: 5) {
        nodes {
          id scheduledAt status lengthMinutes confirmed
          patient { id firstName lastName birthdate clinic { id name } primaryProvider { lastName } }
          provider { abbreviation isHygienist }
          operatory { name clinic { abbreviation } }
          clinic { id }
          procedures { id fee status procedureDate code { code description } appointment { id } provider { id } }
        }
        pageInfo { hasNextPage endCursor }
      }
    }`);
    expect(res.errors).toEqual([]);
    const nodes = res.data.appointments.nodes;
    expect(nodes).toHaveLength(5);
    for (const a of nodes) {
      expect(a.id).toMatch(/^\d+$/);
      expect(a.scheduledAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(a.lengthMinutes).toBe(20);
      expect(a.patient.birthdate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      for (const p of a.procedures) {
        expect(p.fee).toMatch(MONEY);
        expect(p.appointment.id).toBe(a.id);
      }
    }
    expect(JSON.stringify(res.data)).not.toMatch(/LName|AptNum|ProcFee|ClinicNum/);
  });

  it('patient -> family, guarantor, appointments, procedures, payments -> splits -> procedure, provider', async () => {
    const withPayment = await t.db.interactive.selectFrom('payment').select('PatNum').orderBy('PayNum').executeTakeFirstOrThrow();
    const res: any = await run(
      `query($id: ID!) { patient(id: $id) {
        id guarantor { id } family { id guarantor { id } }
        appointments(first: 2) { nodes { id patient { id } } pageInfo { hasNextPage } }
        procedures(first: 50) { nodes { id fee patient { id } } }
        payments { nodes { id amount type date splits { amount procedure { id fee } provider { id } patient { id } } } }
      } }`,
      { id: String(withPayment.PatNum) },
    );
    expect(res.errors).toEqual([]);
    const p = res.data.patient;
    expect(p.family.map((m: any) => m.guarantor.id)).toContain(p.guarantor.id);
    expect(p.family.map((m: any) => m.id)).toContain(p.id);
    expect(p.appointments.nodes.length).toBeLessThanOrEqual(2);
    for (const a of p.appointments.nodes) expect(a.patient.id).toBe(p.id);
    expect(p.payments.nodes.length).toBeGreaterThan(0);
    for (const pay of p.payments.nodes) {
      expect(pay.amount).toBe('0.30');
      const sum = pay.splits.reduce((s: bigint, x: any) => s + toCents(x.amount), 0n);
      expect(centsToMoney(sum)).toBe(pay.amount);
      expect(pay.splits.map((s: any) => s.amount)).toEqual(['0.10', '0.20']);
      for (const s of pay.splits) expect(s.procedure.fee).toMatch(MONEY);
    }
  });

  it('unknown ids answer NOT_FOUND; malformed ids BAD_USER_INPUT', async () => {
    const missing = await run(`{ patient(id: "999999") { id } appointment(id: "999999") { id } payment(id: "999999") { id } }`);
    expect(missing.errors.map((e) => e.code)).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);
    expect(missing.data).toEqual({ patient: null, appointment: null, payment: null });
    const bad = await run(`{ patient(id: "abc") { id } }`);
    expect(bad.errors).toMatchObject([{ code: 'BAD_USER_INPUT', field: 'id' }]);
  });

  it.each([0, 501, -1])('first: %i is BAD_USER_INPUT naming first', async (first) => {
    const res = await run(`query($f: Int) { appointments(first: $f) { nodes { id } } }`, { f: first });
    expect(res.errors).toMatchObject([{ code: 'BAD_USER_INPUT', field: 'first' }]);
    const nested = await run(`query($f: Int) { patients(first: 2) { nodes { procedures(first: $f) { nodes { id } } } } }`, { f: first });
    expect(nested.errors[0]).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('a malformed or foreign cursor is BAD_USER_INPUT naming after', async () => {
    for (const after of ['not-a-cursor!', 'eyJ4IjoxfQ', Buffer.from('["pat.id",1]').toString('base64url')]) {
      const res = await run(`query($a: String) { appointments(after: $a) { nodes { id } } }`, { a: after });
      expect(res.errors).toMatchObject([{ code: 'BAD_USER_INPUT', field: 'after' }]);
    }
  });

  it('inverted date ranges are BAD_USER_INPUT', async () => {
    const cases = [
      `{ appointments(from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z") { nodes { id } } }`,
      `{ procedures(from: "2026-02-01", to: "2026-01-01") { nodes { id } } }`,
      `{ payments(from: "2026-02-01", to: "2026-01-01") { nodes { id } } }`,
      `{ productionSummary(from: "2026-02-01", to: "2026-01-01", groupBy: DAY) { key } }`,
      `{ appointmentStats(from: "2026-02-01", to: "2026-01-01") { total } }`,
    ];
    for (const q of cases) expect((await run(q)).errors).toMatchObject([{ code: 'BAD_USER_INPUT', field: 'to' }]);
  });

  it('keyset pagination walks every appointment exactly once in (scheduledAt, id) order', async () => {
    const nodes = await walk('appointments', 'id scheduledAt', '', 7);
    const ids = nodes.map((n) => Number(n.id));
    expect(new Set(ids).size).toBe(ids.length);
    const all = await t.db.interactive.selectFrom('appointment').select('AptNum').where('AptStatus', 'in', [1, 2, 3, 5, 6]).execute();
    expect([...ids].sort((a, b) => a - b)).toEqual(all.map((r) => Number(r.AptNum)).sort((a, b) => a - b));
    const keys = nodes.map((n) => `${n.scheduledAt}|${String(n.id).padStart(9, '0')}`);
    expect(keys).toEqual([...keys].sort());
  });

  it('keyset pagination over patients, procedures and payments has no duplicates or gaps', async () => {
    const cases: [string, 'patient' | 'procedurelog' | 'payment', string][] = [
      ['patients', 'patient', 'PatNum'],
      ['procedures', 'procedurelog', 'ProcNum'],
      ['payments', 'payment', 'PayNum'],
    ];
    for (const [field, table, key] of cases) {
      const ids = (await walk(field, 'id', '', 13)).map((n) => Number(n.id));
      const rows = (await t.db.interactive
        .selectFrom(table)
        .select(key as any)
        .execute()) as any[];
      expect(ids.length).toBe(new Set(ids).size);
      expect([...ids].sort((a, b) => a - b)).toEqual(rows.map((r) => Number(r[key])).sort((a, b) => a - b));
    }
  });

  it('clinic-restricted principals see only their clinics; another clinic answers NOT_FOUND', async () => {
    const [mine, other] = fx.clinics;
    const p = principalFor({ clinicIds: [mine] });
    const res: any = await run(
      `{ clinics { id } appointments(first: 500) { nodes { clinic { id } patient { clinic { id } } } } patients(first: 500) { nodes { clinic { id } } } }`,
      {},
      p,
    );
    expect(res.errors).toEqual([]);
    expect(res.data.clinics).toEqual([{ id: String(mine) }]);
    expect(res.data.appointments.nodes.length).toBeGreaterThan(0);
    for (const a of res.data.appointments.nodes) expect(a.clinic.id).toBe(String(mine));
    for (const x of res.data.patients.nodes) expect(x.clinic.id).toBe(String(mine));
    const foreignPatient = fx.patients.find((x) => x.clinicId === other)!;
    const denied = await run(`query($id: ID!) { patient(id: $id) { id } }`, { id: String(foreignPatient.id) }, p);
    expect(denied.errors).toMatchObject([{ code: 'NOT_FOUND' }]);
    const filter = await run(`query($c: ID!) { appointments(clinicId: $c) { nodes { id } } }`, { c: String(other) }, p);
    expect(filter.errors).toMatchObject([{ code: 'NOT_FOUND' }]);
    const sums: any = await run(`{ productionSummary(from: "2026-01-01", to: "2026-12-31", groupBy: CLINIC) { key } }`, {}, p);
    expect(sums.data.productionSummary.map((r: any) => r.key)).toEqual([String(mine)]);
  });

  it('changedSince returns exactly the rows changed at or after it, in (updatedAt, id) order', async () => {
    const since = '2026-01-03T12:00:00Z';
    for (const [field, table, key] of [
      ['patients', 'patient', 'PatNum'],
      ['appointments', 'appointment', 'AptNum'],
      ['procedures', 'procedurelog', 'ProcNum'],
      ['payments', 'payment', 'PayNum'],
    ] as const) {
      const nodes = await walk(field, 'id updatedAt', `changedSince: "${since}"`, 9);
      const keys = nodes.map((n) => `${n.updatedAt}|${String(n.id).padStart(9, '0')}`);
      expect(keys).toEqual([...keys].sort());
      let q = t.db.interactive
        .selectFrom(table as 'patient')
        .select(key as 'PatNum')
        .where('DateTStamp', '>=', '2026-01-03 12:00:00');
      if (table === 'appointment') q = q.where(sql.ref('AptStatus') as any, 'in', [1, 2, 3, 5, 6]);
      const expected = (await q.execute()).map((r: any) => Number(r[key])).sort((a, b) => a - b);
      expect(expected.length).toBeGreaterThan(0);
      expect(nodes.map((n) => Number(n.id)).sort((a, b) => a - b)).toEqual(expected);
      for (const n of nodes) expect(n.updatedAt >= since).toBe(true);
    }
  });

  it('productionSummary sums match a direct SQL sum, exactly, for every grouping', async () => {
    const rows = await t.db.interactive
      .selectFrom('procedurelog')
      .select(['ProvNum', 'ClinicNum', 'ProcDate', 'ProcFee'])
      .where('ProcStatus', '=', 2)
      .execute();
    const total = rows.reduce((s, r) => s + toCents(r.ProcFee), 0n);
    expect(total).toBeGreaterThan(0n);
    const direct = await t.db.interactive
      .selectFrom('procedurelog')
      .select(sql<string | number>`sum(${sql.ref('ProcFee')})`.as('s'))
      .where('ProcStatus', '=', 2)
      .executeTakeFirstOrThrow();
    expect(centsToMoney(toCents(direct.s))).toBe(centsToMoney(total));
    for (const groupBy of ['PROVIDER', 'CLINIC', 'DAY']) {
      const res: any = await run(
        `query($g: ProductionGroupBy!) { productionSummary(from: "2025-12-01", to: "2026-12-31", groupBy: $g) { key production procedureCount provider { id } clinic { id } date } }`,
        { g: groupBy },
      );
      expect(res.errors).toEqual([]);
      const out = res.data.productionSummary;
      const sum = out.reduce((s: bigint, r: any) => s + toCents(r.production), 0n);
      expect(centsToMoney(sum)).toBe(centsToMoney(total));
      expect(out.reduce((n: number, r: any) => n + r.procedureCount, 0)).toBe(rows.length);
      for (const r of out) {
        expect(r.production).toMatch(MONEY);
        const mine = rows.filter((x) =>
          groupBy === 'PROVIDER'
            ? String(x.ProvNum) === r.key
            : groupBy === 'CLINIC'
              ? String(x.ClinicNum) === r.key
              : String(x.ProcDate).slice(0, 10) === r.key,
        );
        expect(r.production).toBe(centsToMoney(mine.reduce((s, x) => s + toCents(x.ProcFee), 0n)));
        if (groupBy === 'PROVIDER') expect(r.provider.id).toBe(r.key);
        if (groupBy === 'DAY') expect(r.date).toBe(r.key);
      }
    }
  });

  it('appointmentStats counts match SQL by status', async () => {
    const res: any = await run(`{ appointmentStats(from: "2026-01-01", to: "2026-01-15") { total byStatus { status count } } }`);
    expect(res.errors).toEqual([]);
    const rows = await t.db.interactive
      .selectFrom('appointment')
      .select(['AptStatus', (eb) => eb.fn.countAll<number>().as('n')])
      .where('AptDateTime', '>=', '2026-01-01 00:00:00')
      .where('AptDateTime', '<', '2026-01-16 00:00:00')
      .groupBy('AptStatus')
      .execute();
    const code = { SCHEDULED: 1, COMPLETE: 2, UNSCHEDULED: 3, BROKEN: 5, PLANNED: 6 } as Record<string, number>;
    const expected = Object.fromEntries(rows.map((r) => [Number(r.AptStatus), Number(r.n)]));
    expect(Object.fromEntries(res.data.appointmentStats.byStatus.map((r: any) => [code[r.status], r.count]))).toEqual(expected);
    expect(res.data.appointmentStats.total).toBe(Object.values(expected).reduce((a, b) => a + b, 0));
  });

  it('filters appointments by provider, operatory, status and time window', async () => {
    const [prov] = fx.providers;
    const [op] = fx.operatories;
    const res: any = await run(
      `query($p: ID, $o: ID) { appointments(providerId: $p, operatoryId: $o, status: [COMPLETE], from: "2026-01-05T00:00:00Z", to: "2026-01-20T00:00:00+00:00", first: 500) { nodes { scheduledAt status provider { id } hygienist { id } operatory { id } } } }`,
      { p: String(prov), o: String(op) },
    );
    expect(res.errors).toEqual([]);
    expect(res.data.appointments.nodes.length).toBeGreaterThan(0);
    for (const a of res.data.appointments.nodes) {
      expect(a.status).toBe('COMPLETE');
      expect(a.operatory.id).toBe(String(op));
      expect([a.provider?.id, a.hygienist?.id]).toContain(String(prov));
      expect(a.scheduledAt >= '2026-01-05T00:00:00Z' && a.scheduledAt < '2026-01-20T00:00:00Z').toBe(true);
    }
  });

  it('directory lists: clinics, providers, operatories, procedure codes', async () => {
    const res: any = await run(
      `{ clinics { id name } providers { id lastName clinic { id } } operatories { id name dentist { id } hygienist { isHygienist } } procedureCodes(first: 2) { nodes { code } pageInfo { hasNextPage endCursor } } }`,
    );
    expect(res.errors).toEqual([]);
    expect(res.data.clinics).toHaveLength(3);
    expect(res.data.providers).toHaveLength(4);
    expect(res.data.operatories).toHaveLength(4);
    expect(res.data.procedureCodes.nodes.map((n: any) => n.code)).toEqual(['D0120', 'D0274']);
    const next: any = await run(`query($a: String) { procedureCodes(first: 10, after: $a) { nodes { code } } }`, {
      a: res.data.procedureCodes.pageInfo.endCursor,
    });
    expect(next.data.procedureCodes.nodes.map((n: any) => n.code)).toEqual(['D1110', 'D2391', 'D2740']);
    const none = await run(`{ clinics { id } }`, {}, principalFor({ scopes: [] }));
    expect(none.errors).toMatchObject([{ code: 'FORBIDDEN' }]);
  });
});
