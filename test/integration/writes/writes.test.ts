import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matrix, testSecurityLog, type FreshDb } from '../../harness/harness.js';
import { seedReadFixture, type ReadFixture } from '../readApi/readFixture.js';
import { expectRejected, servicesFor, snapshot, writer } from './writesHarness.js';

describe.each(matrix())('write services [%s]', (_name, dialect) => {
  let t: FreshDb;
  let fx: ReadFixture;
  const pat = () => fx.patients.find((p) => p.clinicId === fx.clinics[0])!;
  const foreignPat = () => fx.patients.find((p) => p.clinicId === fx.clinics[1])!;

  beforeAll(async () => {
    t = await dialect.freshDb();
    fx = await seedReadFixture(t.db, { patients: 30, appointments: 40 });
    await t.db.interactive
      .insertInto('fee')
      .values([
        { FeeSched: 1, CodeNum: fx.codes[0]!, Amount: '58.10' },
        { FeeSched: 1, CodeNum: fx.codes[3]!, Amount: '1240.33' },
      ])
      .execute();
  });
  afterAll(async () => {
    await t?.release();
  });

  describe('patients', () => {
    it('createPatient stamps the credential, logs one chained row', async () => {
      const s = servicesFor(t.db);
      const p = await s.patients.createPatient({
        firstName: 'Ada',
        lastName: 'Lovelace',
        birthdate: '1990-12-10',
        clinicId: fx.clinics[0]!,
        email: 'ada@example.com',
      });
      expect(p).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', birthdate: '1990-12-10', clinicId: fx.clinics[0], version: 1, guarantorId: p.id });
      const row = await t.db.interactive.selectFrom('patient').selectAll().where('PatNum', '=', p.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ SecUserNumEntry: 77, SecProgramNumEntry: 42, SecUserNumEdit: 77, SecProgramNumEdit: 42 });
      const log = await t.db.interactive.selectFrom('securitylog').selectAll().orderBy('SecurityLogNum', 'desc').limit(1).executeTakeFirstOrThrow();
      expect(log).toMatchObject({ PermType: 'PatientCreate', UserNum: 77, ProgramNum: 42, ApiKeyNum: 9, PatNum: p.id, FKey: p.id, LogSource: 'API' });
      expect(log.LogText).toContain('by Front Desk Sync through API');
      expect(JSON.parse(log.Changes).LName).toEqual([null, 'Lovelace']);
    });

    it('createPatient rejects bad input, unknown and foreign clinics, leaving the database as it was', async () => {
      const s = servicesFor(t.db, writer({ clinicIds: [fx.clinics[0]!] }));
      await expectRejected(
        t.db,
        () => s.patients.createPatient({ firstName: 'A', lastName: 'B', birthdate: '2026-02-30', clinicId: fx.clinics[0]! }),
        'BAD_USER_INPUT',
        'input.birthdate',
      );
      await expectRejected(
        t.db,
        () => s.patients.createPatient({ firstName: ' ', lastName: 'B', clinicId: fx.clinics[0]! }),
        'BAD_USER_INPUT',
        'input.firstName',
      );
      await expectRejected(t.db, () => s.patients.createPatient({ firstName: 'A', lastName: 'B', clinicId: fx.clinics[1]! }), 'NOT_FOUND');
      await expectRejected(t.db, () => s.patients.createPatient({ firstName: 'A', lastName: 'B', clinicId: 999999 }), 'NOT_FOUND');
    });

    it('updatePatient bumps RowVersion, keeps entry stamps, answers CONFLICT on a stale version', async () => {
      const s = servicesFor(t.db);
      const p = await s.patients.createPatient({ firstName: 'Bo', lastName: 'Diddley', clinicId: fx.clinics[0]! });
      const s2 = servicesFor(t.db, writer({ clientId: 43, userNum: 88, userName: 'jsmith' }));
      const u = await s2.patients.updatePatient({ id: p.id, expectedVersion: 1, lastName: 'Diddly', mobilePhone: '555-1234' });
      expect(u).toMatchObject({ lastName: 'Diddly', mobilePhone: '555-1234', version: 2 });
      const row = await t.db.interactive.selectFrom('patient').selectAll().where('PatNum', '=', p.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ SecUserNumEntry: 77, SecProgramNumEntry: 42, SecUserNumEdit: 88, SecProgramNumEdit: 43, RowVersion: 2 });
      const log = await t.db.interactive.selectFrom('securitylog').selectAll().orderBy('SecurityLogNum', 'desc').limit(1).executeTakeFirstOrThrow();
      expect(JSON.parse(log.Changes)).toEqual({ LName: ['Diddley', 'Diddly'], WirelessPhone: ['', '555-1234'] });
      expect(log.LogText).toContain('by jsmith for Front Desk Sync through API');
      const err = await expectRejected(t.db, () => s.patients.updatePatient({ id: p.id, expectedVersion: 1, lastName: 'X' }), 'CONFLICT');
      expect(err.details).toMatchObject({ currentVersion: 2 });
      const foreign = servicesFor(t.db, writer({ clinicIds: [fx.clinics[1]!] }));
      await expectRejected(t.db, () => foreign.patients.updatePatient({ id: p.id, expectedVersion: 2, lastName: 'X' }), 'NOT_FOUND');
      await expectRejected(t.db, () => s.patients.updatePatient({ id: p.id, expectedVersion: 2, email: 'nope' }), 'BAD_USER_INPUT', 'input.email');
    });
  });

  describe('schedule', () => {
    const book = (s: ReturnType<typeof servicesFor>, start: string, extra: Record<string, unknown> = {}) =>
      s.schedule.bookAppointment({ patientId: pat().id, operatoryId: fx.operatories[0]!, providerId: fx.providers[0]!, start, lengthMinutes: 60, ...extra });

    it('books, reschedules, confirms and cancels with history and readable log text', async () => {
      const s = servicesFor(t.db);
      const a = await book(s, '2027-03-01T09:00:00Z', { pattern: '//XXXX//' });
      expect(a).toMatchObject({ status: 'SCHEDULED', lengthMinutes: 40, scheduledAt: '2027-03-01T09:00:00Z', version: 1, clinicId: fx.clinics[0] });
      const moved = await s.schedule.rescheduleAppointment({ id: a.id, expectedVersion: 1, start: '2027-03-01T10:30:00Z' });
      expect(moved).toMatchObject({ scheduledAt: '2027-03-01T10:30:00Z', version: 2 });
      const log = await t.db.interactive.selectFrom('securitylog').selectAll().orderBy('SecurityLogNum', 'desc').limit(1).executeTakeFirstOrThrow();
      expect(log.LogText).toBe(`Appointment ${a.id} moved from 09:00 to 10:30 by Front Desk Sync through API`);
      expect(JSON.parse(log.Changes).AptDateTime).toEqual(['2027-03-01 09:00:00', '2027-03-01 10:30:00']);
      const confirmed = await s.schedule.confirmAppointment({ id: a.id, expectedVersion: 2 });
      expect(confirmed).toMatchObject({ confirmed: true, version: 3 });
      const cancelled = await s.schedule.cancelAppointment({ id: a.id, expectedVersion: 3 });
      expect(cancelled).toMatchObject({ status: 'BROKEN', version: 4 });
      const hist = await t.db.interactive
        .selectFrom('histappointment')
        .select(['HistApptAction', 'RowVersion', 'ApptSource', 'HistUserNum'])
        .where('AptNum', '=', a.id)
        .orderBy('HistApptNum')
        .execute();
      expect(hist.map((h) => [Number(h.HistApptAction), Number(h.RowVersion)])).toEqual([
        [3, 1],
        [1, 1],
        [1, 2],
        [4, 3],
      ]);
      expect(hist.every((h) => Number(h.ApptSource) === 42 && Number(h.HistUserNum) === 77)).toBe(true);
      // the cancelled appointment no longer holds the chair
      const again = await book(s, '2027-03-01T10:30:00Z');
      expect(again.id).not.toBe(a.id);
      await expectRejected(t.db, () => s.schedule.cancelAppointment({ id: a.id }), 'CONFLICT');
    });

    it('refuses double booking of the operatory or the provider, naming the other appointment', async () => {
      const s = servicesFor(t.db);
      const a = await book(s, '2027-04-01T09:00:00Z'); // 09:00-10:00
      let err = await expectRejected(
        t.db,
        () => book(s, '2027-04-01T09:55:00Z', { providerId: fx.providers[1]!, operatoryId: fx.operatories[0]! }),
        'CONFLICT',
      );
      expect(err.details).toMatchObject({ conflictingAppointmentId: String(a.id), resource: 'operatory' });
      err = await expectRejected(t.db, () => book(s, '2027-04-01T08:30:00Z', { operatoryId: fx.operatories[3]! }), 'CONFLICT');
      expect(err.details).toMatchObject({ conflictingAppointmentId: String(a.id), resource: 'provider' });
      // back to back is fine
      await book(s, '2027-04-01T10:00:00Z');
      await book(s, '2027-04-01T08:00:00Z');
      const b = await book(s, '2027-04-01T13:00:00Z');
      await expectRejected(t.db, () => s.schedule.rescheduleAppointment({ id: b.id, expectedVersion: 1, start: '2027-04-01T09:30:00Z' }), 'CONFLICT');
      await expectRejected(
        t.db,
        () => s.schedule.rescheduleAppointment({ id: b.id, expectedVersion: 5, start: '2027-04-01T15:30:00Z' }),
        'CONFLICT',
        'input.expectedVersion',
      );
    });

    it('validates input and visibility without writing', async () => {
      const s = servicesFor(t.db, writer({ clinicIds: [fx.clinics[0]!] }));
      await expectRejected(t.db, () => book(s, '2027-05-01 09:00'), 'BAD_USER_INPUT', 'input.start');
      await expectRejected(t.db, () => book(s, '2027-05-01T09:03:00Z'), 'BAD_USER_INPUT', 'input.start');
      await expectRejected(t.db, () => book(s, '2027-05-01T09:00:00Z', { lengthMinutes: 7 }), 'BAD_USER_INPUT', 'input.lengthMinutes');
      await expectRejected(t.db, () => book(s, '2027-05-01T09:00:00Z', { pattern: 'XQ' }), 'BAD_USER_INPUT', 'input.pattern');
      await expectRejected(t.db, () => book(s, '2027-05-01T09:00:00Z', { patientId: foreignPat().id }), 'NOT_FOUND');
      await expectRejected(t.db, () => book(s, '2027-05-01T09:00:00Z', { operatoryId: fx.operatories[1]! }), 'NOT_FOUND');
      await expectRejected(t.db, () => book(s, '2027-05-01T09:00:00Z', { providerId: 999999 }), 'NOT_FOUND');
    });

    it('concurrent bookings of the same chair and time: exactly one wins', async () => {
      const attempts = Array.from({ length: 8 }, (_, i) => {
        const s = servicesFor(t.db);
        return book(s, '2027-06-01T09:00:00Z', { providerId: fx.providers[i % 2 === 0 ? 0 : 2]! });
      });
      const results = await Promise.allSettled(attempts);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
      expect(won).toHaveLength(1);
      expect(lost.map((r) => (r.reason as { code: string }).code)).toEqual(Array(7).fill('CONFLICT'));
      const rows = await t.db.interactive.selectFrom('appointment').select('AptNum').where('AptDateTime', '=', '2027-06-01 09:00:00').execute();
      expect(rows).toHaveLength(1);
    });
  });

  describe('clinical', () => {
    it('addProcedure takes the fee from the provider fee schedule unless given; completeProcedure completes it', async () => {
      const s = servicesFor(t.db);
      const p1 = await s.clinical.addProcedure({ patientId: pat().id, codeId: fx.codes[3]!, providerId: fx.providers[0]!, tooth: '14', date: '2027-01-05' });
      expect(p1).toMatchObject({ status: 'TREATMENT_PLANNED', fee: '1240.33', tooth: '14', procedureDate: '2027-01-05', version: 1 });
      const p2 = await s.clinical.addProcedure({ patientId: pat().id, code: 'D0120', providerId: fx.providers[0]!, fee: '45.5' });
      expect(p2.fee).toBe('45.50');
      const p3 = await s.clinical.addProcedure({ patientId: pat().id, codeId: fx.codes[1]!, providerId: fx.providers[0]! });
      expect(p3.fee).toBe('0.00');
      const done = await s.clinical.completeProcedure({ id: p1.id, expectedVersion: 1, date: '2027-01-06' });
      expect(done).toMatchObject({ status: 'COMPLETE', completedDate: '2027-01-06', version: 2 });
      await expectRejected(t.db, () => s.clinical.completeProcedure({ id: p1.id }), 'CONFLICT');
      await expectRejected(t.db, () => s.clinical.completeProcedure({ id: p2.id, expectedVersion: 9 }), 'CONFLICT');
    });

    it('addProcedure rejects bad fees, unknown codes and foreign patients without writing', async () => {
      const s = servicesFor(t.db, writer({ clinicIds: [fx.clinics[0]!] }));
      const base = { patientId: pat().id, codeId: fx.codes[0]!, providerId: fx.providers[0]! };
      await expectRejected(t.db, () => s.clinical.addProcedure({ ...base, fee: '-5.00' }), 'BAD_USER_INPUT', 'input.fee');
      await expectRejected(t.db, () => s.clinical.addProcedure({ ...base, fee: '5.001' }), 'BAD_USER_INPUT', 'input.fee');
      await expectRejected(t.db, () => s.clinical.addProcedure({ ...base, date: '2027-13-01' }), 'BAD_USER_INPUT', 'input.date');
      await expectRejected(t.db, () => s.clinical.addProcedure({ ...base, codeId: 999999 }), 'NOT_FOUND');
      await expectRejected(t.db, () => s.clinical.addProcedure({ ...base, patientId: foreignPat().id }), 'NOT_FOUND');
      await expectRejected(t.db, () => s.clinical.addProcedure({ ...base, providerId: fx.providers[1]! }), 'NOT_FOUND');
    });
  });

  describe('billing', () => {
    it('recordPayment writes the payment and splits that sum exactly, one log row per row', async () => {
      const s = servicesFor(t.db);
      const proc = await s.clinical.addProcedure({ patientId: pat().id, codeId: fx.codes[0]!, providerId: fx.providers[0]! });
      const before = await snapshot(t.db);
      const r = await s.billing.recordPayment({
        patientId: pat().id,
        amount: '100.30',
        type: 'Card',
        splits: [
          { amount: '0.10', procedureId: proc.id },
          { amount: '0.20', providerId: fx.providers[2]! },
          { amount: '100', providerId: fx.providers[0]! },
        ],
      });
      expect(r.payment).toMatchObject({ amount: '100.30', type: 'Card', version: 1 });
      expect(r.splits.map((x) => [x.amount, x.providerId, x.procedureId])).toEqual([
        ['0.10', fx.providers[0], proc.id],
        ['0.20', fx.providers[2], null],
        ['100.00', fx.providers[0], null],
      ]);
      const after = await snapshot(t.db);
      expect(after.counts.payment - before.counts.payment).toBe(1);
      expect(after.counts.paysplit - before.counts.paysplit).toBe(3);
      expect(after.counts.securitylog - before.counts.securitylog).toBe(4);
    });

    it('recordPayment rejects splits that do not add up, bad amounts and foreign rows', async () => {
      const s = servicesFor(t.db, writer({ clinicIds: [fx.clinics[0]!] }));
      const base = { patientId: pat().id, amount: '10.00', type: 'Cash' };
      const prov = fx.providers[0]!;
      const err = await expectRejected(
        t.db,
        () =>
          s.billing.recordPayment({
            ...base,
            splits: [
              { amount: '3.33', providerId: prov },
              { amount: '6.66', providerId: prov },
            ],
          }),
        'BAD_USER_INPUT',
        'input.splits',
      );
      expect(err.details).toMatchObject({ splitsTotal: '9.99', amount: '10.00' });
      await expectRejected(
        t.db,
        () =>
          s.billing.recordPayment({
            ...base,
            splits: [
              { amount: '5', providerId: prov },
              { amount: '5.001', providerId: prov },
            ],
          }),
        'BAD_USER_INPUT',
        'input.splits[1].amount',
      );
      await expectRejected(
        t.db,
        () => s.billing.recordPayment({ ...base, amount: '-10', splits: [{ amount: '-10', providerId: prov }] }),
        'BAD_USER_INPUT',
        'input.amount',
      );
      await expectRejected(t.db, () => s.billing.recordPayment({ ...base, splits: [{ amount: '10' }] }), 'BAD_USER_INPUT', 'input.splits[0].providerId');
      await expectRejected(t.db, () => s.billing.recordPayment({ ...base, splits: [{ amount: '10', providerId: 999999 }] }), 'NOT_FOUND');
      await expectRejected(
        t.db,
        () => s.billing.recordPayment({ ...base, patientId: foreignPat().id, splits: [{ amount: '10', providerId: prov }] }),
        'NOT_FOUND',
      );
    });
  });

  describe('security log', () => {
    it('concurrent writes of every kind keep one unbroken chain', async () => {
      const results = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) => {
          const s = servicesFor(t.db);
          if (i % 3 === 0) return s.patients.createPatient({ firstName: `C${i}`, lastName: 'Chain', clinicId: fx.clinics[0]! });
          if (i % 3 === 1) return s.clinical.addProcedure({ patientId: pat().id, codeId: fx.codes[0]!, providerId: fx.providers[0]! });
          return s.schedule.bookAppointment({
            patientId: pat().id,
            operatoryId: fx.operatories[2]!,
            providerId: fx.providers[3]!,
            start: `2027-07-${10 + i}T09:00:00Z`,
            lengthMinutes: 30,
          });
        }),
      );
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      expect(await testSecurityLog.verify(t.db)).toMatchObject({ ok: true });
    });

    it('verifies, then names the row that was edited or deleted', async () => {
      expect(await testSecurityLog.verify(t.db)).toMatchObject({ ok: true });
      const rows = await t.db.interactive.selectFrom('securitylog').selectAll().orderBy('SecurityLogNum').execute();
      expect(rows.length).toBeGreaterThan(10);
      const victim = rows[5]!;
      await t.db.interactive
        .updateTable('securitylog')
        .set({ LogText: `${victim.LogText} (edited)` })
        .where('SecurityLogNum', '=', victim.SecurityLogNum)
        .execute();
      expect(await testSecurityLog.verify(t.db)).toMatchObject({ ok: false, firstBad: { securityLogNum: Number(victim.SecurityLogNum), problem: 'content' } });
      await t.db.interactive.updateTable('securitylog').set({ LogText: victim.LogText }).where('SecurityLogNum', '=', victim.SecurityLogNum).execute();
      expect(await testSecurityLog.verify(t.db)).toMatchObject({ ok: true });
      const gone = rows[7]!;
      await t.db.interactive.deleteFrom('securitylog').where('SecurityLogNum', '=', gone.SecurityLogNum).execute();
      expect(await testSecurityLog.verify(t.db)).toMatchObject({
        ok: false,
        firstBad: { securityLogNum: Number(gone.SecurityLogNum) + 1, problem: 'missing' },
      });
    });
  });
});
