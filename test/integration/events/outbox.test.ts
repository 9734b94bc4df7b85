import { describe, expect } from 'vitest';
import { systemPrincipal } from '../../../src/auth/Principal.js';
import { createRequestContextFactory } from '../../../src/context.js';
import type { Db } from '../../../src/db/createDb.js';
import { isDomainError } from '../../../src/lib/DomainError.js';
import { harness, matrix, testContextDeps } from '../../harness/harness.js';
import { outboxRows, seedEventsFixture, servicesOn, writerPrincipal, type EventsFixture } from './eventsFixture.js';

/** Services whose request fails right after its event row is written: the transaction must take the event with it. */
function servicesFailingAfterEvent(db: Db) {
  const factory = createRequestContextFactory({
    ...testContextDeps(db),
    contributors: [
      () => {
        let last = '';
        return {
          observer: { onStatement: (e) => void (last = e.purpose) },
          admit: () => {
            if (last === 'events.append') throw new Error('the process died after writing the event');
          },
        };
      },
    ],
  });
  return factory({ principal: writerPrincipal(), requestId: 'dies-after-event' }).services;
}

const thrown = async (fn: () => Promise<unknown>) => {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a failure');
};

describe.each(matrix())('[%s] outbox', (_name, dialect) => {
  const it = harness(dialect);

  const book = (db: Db, f: EventsFixture, hour: number) =>
    servicesOn(db, writerPrincipal()).schedule.bookAppointment({
      patientId: f.fx.patients[0]!.id,
      operatoryId: f.fx.operatories[0]!,
      providerId: f.fx.providers[0]!,
      start: `2027-03-01T${String(hour).padStart(2, '0')}:00:00Z`,
      lengthMinutes: 30,
    });

  it('every domain write appends its event in its own transaction, with entity, clinic, stamp and time', async ({ db }) => {
    const f = await seedEventsFixture(db);
    const s = () => servicesOn(db, writerPrincipal());
    const north = f.fx.clinics[0]!;
    const p = await s().patients.createPatient({ firstName: 'Ada', lastName: 'Lovelace', clinicId: north });
    await s().patients.updatePatient({ id: p.id, expectedVersion: 1, lastName: 'Byron' });
    // an update that changes nothing writes nothing, so it announces nothing
    await s().patients.updatePatient({ id: p.id, expectedVersion: 2, lastName: 'Byron' });
    const apt = await book(db, f, 9);
    const moved = await s().schedule.rescheduleAppointment({ id: apt.id, expectedVersion: apt.version, start: '2027-03-01T10:00:00Z' });
    const confirmed = await s().schedule.confirmAppointment({ id: apt.id, expectedVersion: moved.version });
    await s().schedule.cancelAppointment({ id: apt.id, expectedVersion: confirmed.version });
    const proc = await s().clinical.addProcedure({ patientId: p.id, code: 'D0120', providerId: f.fx.providers[0]! });
    await s().clinical.completeProcedure({ id: proc.id });
    const paid = await s().billing.recordPayment({
      patientId: p.id,
      amount: '10.00',
      type: 'Cash',
      splits: [{ amount: '10.00', providerId: f.fx.providers[0]! }],
    });

    const rows = await outboxRows(db);
    expect(rows.map((r) => [r.type, Number(r.entity_id), Number(r.clinic_num)])).toEqual([
      ['patient.created', p.id, north],
      ['patient.updated', p.id, north],
      ['appointment.booked', apt.id, north],
      ['appointment.rescheduled', apt.id, north],
      ['appointment.confirmed', apt.id, north],
      ['appointment.cancelled', apt.id, north],
      ['procedure.added', proc.id, north],
      ['procedure.completed', proc.id, north],
      ['payment.recorded', paid.payment.id, north],
    ]);
    for (const r of rows) {
      expect(r).toMatchObject({ user_num: 77, program_num: 42 });
      expect(r.request_id).toMatch(/^events-test-/);
      const payload = JSON.parse(r.payload);
      expect(payload).toEqual({
        type: r.type,
        timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        data: { id: String(r.entity_id), clinicId: north, changedBy: { userId: 77, clientId: 42 } },
      });
      expect(payload.timestamp.slice(0, 19).replace('T', ' ')).toBe(r.occurred_at);
    }
    // each event follows its security-log row (the chain lock orders the outbox by commit)
    expect(rows.map((r) => Number(r.id))).toEqual([...rows.map((r) => Number(r.id))].sort((a, b) => a - b));
  });

  it('a transaction that fails after writing its event leaves neither the change nor the event', async ({ db }) => {
    const f = await seedEventsFixture(db);
    const patientsBefore = await db.interactive.selectFrom('patient').select('PatNum').execute();
    const err = await thrown(() => servicesFailingAfterEvent(db).patients.createPatient({ firstName: 'Gone', lastName: 'Soon', clinicId: f.fx.clinics[0]! }));
    expect(String(err)).toContain('died after writing the event');
    expect(await outboxRows(db)).toEqual([]);
    expect(await db.interactive.selectFrom('patient').select('PatNum').execute()).toEqual(patientsBefore);

    const paymentsBefore = await db.interactive.selectFrom('payment').select('PayNum').execute();
    const err2 = await thrown(() =>
      servicesFailingAfterEvent(db).billing.recordPayment({
        patientId: f.fx.patients[0]!.id,
        amount: '5.00',
        type: 'Cash',
        splits: [{ amount: '5.00', providerId: f.fx.providers[0]! }],
      }),
    );
    expect(String(err2)).toContain('died after writing the event');
    expect(await outboxRows(db)).toEqual([]);
    expect(await db.interactive.selectFrom('payment').select('PayNum').execute()).toEqual(paymentsBefore);
  });

  it('refused writes (bad input, another clinic, a stale version) append nothing', async ({ db }) => {
    const f = await seedEventsFixture(db);
    const limited = servicesOn(db, writerPrincipal([f.fx.clinics[0]!]));
    for (const attempt of [
      () => limited.patients.createPatient({ firstName: 'A', lastName: 'B', clinicId: f.fx.clinics[1]! }),
      () => limited.patients.createPatient({ firstName: ' ', lastName: 'B', clinicId: f.fx.clinics[0]! }),
      () => limited.patients.updatePatient({ id: f.fx.patients[0]!.id, expectedVersion: 99, lastName: 'X' }),
    ]) {
      expect(isDomainError(await thrown(attempt))).toBe(true);
    }
    expect(await outboxRows(db)).toEqual([]);
  });

  it('the admin CLI principal writes too: its events carry program 0', async ({ db }) => {
    const f = await seedEventsFixture(db);
    const s = servicesOn(db, { ...systemPrincipal(5, 'admin'), scopes: new Set(['patients:write']) });
    await s.patients.createPatient({ firstName: 'Sys', lastName: 'Tem', clinicId: f.fx.clinics[2]! });
    expect((await outboxRows(db)).map((r) => [r.type, Number(r.program_num), Number(r.user_num), Number(r.clinic_num)])).toEqual([
      ['patient.created', 0, 5, f.fx.clinics[2]],
    ]);
  });
});
