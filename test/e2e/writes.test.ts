import { describe, expect } from 'vitest';
import type { Db } from '../../src/db/createDb.js';
import { harness, matrix } from '../harness/harness.js';
import { adminService } from '../integration/auth/identityFixture.js';
import { seedReadFixture, type ReadFixture } from '../integration/readApi/readFixture.js';
import { snapshot, WRITE_SCOPES } from '../integration/writes/writesHarness.js';
import { codeOf, gql, identityServer } from './identityServer.js';

const NOW = '2026-01-01 00:00:00';
const stampCols = { SecUserNumEntry: 0, SecProgramNumEntry: 0, SecUserNumEdit: 0, SecProgramNumEdit: 0, SecDateTEntry: NOW, DateTStamp: NOW, RowVersion: 1 };

const CREATE = 'mutation Create($input: CreatePatientInput!) { createPatient(input: $input) { patient { id firstName version } } }';
const PAY = 'mutation Pay($input: RecordPaymentInput!) { recordPayment(input: $input) { payment { id amount splits { amount } } } }';

async function setup(db: Db) {
  const fx: ReadFixture = await seedReadFixture(db, { patients: 12, appointments: 10 });
  const user = async (name: string, hidden: number) =>
    Number(
      (
        await db.interactive
          .insertInto('userod')
          .values({ UserName: name, ProvNum: 0, ClinicNum: 0, IsHidden: hidden, IsServiceUser: 0, ...stampCols })
          .executeTakeFirstOrThrow()
      ).insertId,
    );
  const staff = await user('jsmith', 0);
  const gone = await user('dr.gone', 1);
  const admin = adminService(db);
  const dso = await admin.create({
    name: 'Front Desk Sync',
    kind: 'dso',
    scopes: WRITE_SCOPES,
    clinicIds: [fx.clinics[0]!],
    mayActForStaff: true,
    staffUserNums: [staff, gone],
    limits: { maxInFlight: 32 },
  });
  const reader = await admin.create({ name: 'Dash', kind: 'dashboard', scopes: ['patients:read'] });
  const auditor = await admin.create({ name: 'Auditor', kind: 'internal', scopes: ['admin', 'audit:read'] });
  const serviceUser = Number(
    (await db.interactive.selectFrom('gw_client').select('service_user_num').where('id', '=', dso.client.id).executeTakeFirstOrThrow()).service_user_num,
  );
  return { fx, staff, gone, dso, reader, auditor, serviceUser };
}

describe.each(matrix())('[%s] writes over HTTP', (_name, dialect) => {
  const it = harness(dialect);

  it('stamps come from the credential and X-Acting-User; refused requests change nothing', async ({ db }) => {
    const s = await setup(db);
    const server = await identityServer(db);
    try {
      const input = { firstName: 'Ada', lastName: 'Lovelace', clinicId: String(s.fx.clinics[0]) };
      const ok = await gql(server.app, CREATE, { key: s.dso.key.key, variables: { input } });
      expect(ok.status).toBe(200);
      const id = Number(ok.body.data.createPatient.patient.id);
      let row = await db.interactive.selectFrom('patient').selectAll().where('PatNum', '=', id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ SecProgramNumEntry: s.dso.client.id, SecUserNumEntry: s.serviceUser });

      const acted = await gql(server.app, 'mutation($input: UpdatePatientInput!) { updatePatient(input: $input) { patient { version lastName } } }', {
        key: s.dso.key.key,
        headers: { 'x-acting-user': 'jsmith' },
        variables: { input: { id: String(id), expectedVersion: 1, lastName: 'King' } },
      });
      expect(acted.body.data.updatePatient.patient).toEqual({ version: 2, lastName: 'King' });
      row = await db.interactive.selectFrom('patient').selectAll().where('PatNum', '=', id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ SecUserNumEntry: s.serviceUser, SecUserNumEdit: s.staff, SecProgramNumEdit: s.dso.client.id });

      const before = await snapshot(db);
      const inactive = await gql(server.app, CREATE, { key: s.dso.key.key, headers: { 'x-acting-user': 'dr.gone' }, variables: { input } });
      expect([inactive.status, codeOf(inactive)]).toEqual([403, 'FORBIDDEN']);
      const readOnly = await gql(server.app, CREATE, { key: s.reader.key.key, variables: { input } });
      expect([readOnly.status, codeOf(readOnly)]).toEqual([403, 'FORBIDDEN']);
      const foreign = await gql(server.app, CREATE, { key: s.dso.key.key, variables: { input: { ...input, clinicId: String(s.fx.clinics[1]) } } });
      expect([foreign.status, codeOf(foreign)]).toEqual([404, 'NOT_FOUND']);
      const stale = await gql(server.app, 'mutation($input: UpdatePatientInput!) { updatePatient(input: $input) { patient { version } } }', {
        key: s.dso.key.key,
        variables: { input: { id: String(id), expectedVersion: 1, lastName: 'Byron' } },
      });
      expect([stale.status, codeOf(stale), stale.body.errors?.[0].extensions?.field]).toEqual([409, 'CONFLICT', 'input.expectedVersion']);
      const pat = s.fx.patients.find((p) => p.clinicId === s.fx.clinics[0])!;
      const badSplit = await gql(server.app, PAY, {
        key: s.dso.key.key,
        variables: {
          input: {
            patientId: String(pat.id),
            amount: '10.00',
            type: 'Cash',
            splits: [
              { amount: '5.00', providerId: String(s.fx.providers[0]) },
              { amount: '5.001', providerId: String(s.fx.providers[0]) },
            ],
          },
        },
      });
      expect([badSplit.status, codeOf(badSplit), badSplit.body.errors?.[0].extensions?.field]).toEqual([400, 'BAD_USER_INPUT', 'input.splits[1].amount']);
      expect(await snapshot(db)).toEqual(before);

      const audit = await gql(server.app, '{ auditLog(patientId: "' + id + '", first: 5) { entries { permType userId clientId text changes } hasNextPage } }', {
        key: s.auditor.key.key,
      });
      expect(audit.status).toBe(200);
      expect(audit.body.data.auditLog.entries.map((e: { permType: string }) => e.permType)).toEqual(['PatientEdit', 'PatientCreate']);
      expect(audit.body.data.auditLog.entries[0]).toMatchObject({
        userId: String(s.staff),
        clientId: String(s.dso.client.id),
        text: `Patient ${id} edited (LName) by jsmith for Front Desk Sync through API`,
      });
      const denied = await gql(server.app, '{ auditLog { hasNextPage } }', { key: s.dso.key.key });
      expect(codeOf(denied)).toBe('FORBIDDEN');
    } finally {
      await server.close();
    }
  });

  it('bookings over HTTP: CONFLICT names the other appointment; of concurrent bookings of one chair exactly one wins', async ({ db }) => {
    const s = await setup(db);
    const server = await identityServer(db);
    const BOOK = 'mutation($input: BookAppointmentInput!) { bookAppointment(input: $input) { appointment { id scheduledAt lengthMinutes version } } }';
    const pat = s.fx.patients.find((p) => p.clinicId === s.fx.clinics[0])!;
    const input = (start: string, providerId = s.fx.providers[0]) => ({
      patientId: String(pat.id),
      operatoryId: String(s.fx.operatories[0]),
      providerId: String(providerId),
      start,
      lengthMinutes: 45,
    });
    try {
      const burst = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          gql(server.app, BOOK, {
            key: s.dso.key.key,
            variables: { input: input('2027-08-02T09:00:00-04:00', i % 2 ? s.fx.providers[2] : s.fx.providers[0]) },
          }),
        ),
      );
      const winners = burst.filter((r) => r.status === 200);
      expect(winners).toHaveLength(1);
      const winner = winners[0]!.body.data.bookAppointment.appointment;
      expect(winner).toMatchObject({ scheduledAt: '2027-08-02T13:00:00Z', lengthMinutes: 45, version: 1 });
      for (const r of burst.filter((x) => x.status !== 200)) {
        expect([r.status, codeOf(r), r.body.errors?.[0].extensions?.conflictingAppointmentId]).toEqual([409, 'CONFLICT', winner.id]);
      }
      const rows = await db.interactive.selectFrom('appointment').select('AptNum').where('AptDateTime', '=', '2027-08-02 13:00:00').execute();
      expect(rows).toHaveLength(1);
      const moved = await gql(
        server.app,
        'mutation($input: RescheduleAppointmentInput!) { rescheduleAppointment(input: $input) { appointment { scheduledAt version } } }',
        {
          key: s.dso.key.key,
          variables: { input: { id: winner.id, expectedVersion: 1, start: '2027-08-02T14:30:00Z' } },
        },
      );
      expect(moved.body.data.rescheduleAppointment.appointment).toEqual({ scheduledAt: '2027-08-02T14:30:00Z', version: 2 });
      const log = await db.interactive.selectFrom('securitylog').selectAll().orderBy('SecurityLogNum', 'desc').limit(1).executeTakeFirstOrThrow();
      expect(log.LogText).toBe(`Appointment ${winner.id} moved from 13:00 to 14:30 by Front Desk Sync through API`);
      const hist = await db.interactive
        .selectFrom('histappointment')
        .select('HistApptAction')
        .where('AptNum', '=', Number(winner.id))
        .orderBy('HistApptNum')
        .execute();
      expect(hist.map((h) => Number(h.HistApptAction))).toEqual([3, 1]);
    } finally {
      await server.close();
    }
  });

  it('Idempotency-Key: a burst of retries writes exactly one row per key; another request under a key is refused', async ({ db }) => {
    const s = await setup(db);
    const server = await identityServer(db);
    try {
      const count = async () =>
        Number(
          (
            await db.interactive
              .selectFrom('patient')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const start = await count();
      const keys = ['k-a', 'k-b', 'k-c', 'k-d', 'k-e'];
      const burst = keys.flatMap((k) =>
        Array.from({ length: 4 }, () =>
          gql(server.app, CREATE, {
            key: s.dso.key.key,
            headers: { 'idempotency-key': k },
            variables: { input: { firstName: k, lastName: 'Retry', clinicId: String(s.fx.clinics[0]) } },
          }),
        ),
      );
      const results = await Promise.all(burst);
      expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
      expect(await count()).toBe(start + keys.length);
      for (const k of keys) {
        const ids = new Set(results.filter((r) => r.body.data.createPatient.patient.firstName === k).map((r) => r.body.data.createPatient.patient.id));
        expect(ids.size).toBe(1);
      }
      const again = await gql(server.app, CREATE, {
        key: s.dso.key.key,
        headers: { 'idempotency-key': 'k-a' },
        variables: { input: { firstName: 'k-a', lastName: 'Retry', clinicId: String(s.fx.clinics[0]) } },
      });
      expect(again.status).toBe(200);
      const reused = await gql(server.app, CREATE, {
        key: s.dso.key.key,
        headers: { 'idempotency-key': 'k-a' },
        variables: { input: { firstName: 'other', lastName: 'Retry', clinicId: String(s.fx.clinics[0]) } },
      });
      expect([reused.status, codeOf(reused)]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
      expect(await count()).toBe(start + keys.length);
      // a failed request releases its key: the corrected retry runs
      const failed = await gql(server.app, CREATE, {
        key: s.dso.key.key,
        headers: { 'idempotency-key': 'k-f' },
        variables: { input: { firstName: ' ', lastName: 'R', clinicId: String(s.fx.clinics[0]) } },
      });
      expect(codeOf(failed)).toBe('BAD_USER_INPUT');
      const retried = await gql(server.app, CREATE, {
        key: s.dso.key.key,
        headers: { 'idempotency-key': 'k-f' },
        variables: { input: { firstName: ' ', lastName: 'R', clinicId: String(s.fx.clinics[0]) } },
      });
      expect(codeOf(retried)).toBe('BAD_USER_INPUT');
    } finally {
      await server.close();
    }
  });
});
