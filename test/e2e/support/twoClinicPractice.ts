import type { Db } from '../../../src/db/createDb.js';
import type { Database } from '../../../src/db/tables.js';
import { servicesFor } from '../../integration/writes/writesHarness.js';

const at = '2026-01-01 08:00:00';
const stamp = { SecUserNumEntry: 0, SecProgramNumEntry: 0, SecUserNumEdit: 0, SecProgramNumEdit: 0, SecDateTEntry: at, DateTStamp: at, RowVersion: 1 };

/** Words that only the other clinic's rows contain: none may reach a client limited to clinic A. */
export const OTHER_CLINIC_WORDS = ['Zzleak', 'Quillfeather', 'Hidden Branch', 'zz@leak.example', 'Bchair'];

/** The shared provider's booked slot in clinic B (a booking in A with the same provider collides with it). */
export const SHARED_SLOT = { start: '2026-06-01T09:00:00Z', sql: '2026-06-01 09:00:00', lengthMinutes: 20 };

export interface TwoClinicPractice {
  clinicA: number;
  clinicB: number;
  /** ClinicNum 0: works for every clinic */
  sharedProvider: number;
  a: { provider: number; operatory: number; patient: number; appointment: number; procedure: number; payment: number; code: number };
  b: { provider: number; operatory: number; patient: number; appointment: number; procedure: number; payment: number; patientOfA: number };
}

/** The other clinic's rows, read from the database: what a clinic-A client must never see. */
export interface OtherClinicRows {
  /** by GraphQL type name */
  ids: Record<'Patient' | 'Appointment' | 'Procedure' | 'Payment' | 'PaySplit' | 'Provider' | 'Operatory' | 'Clinic' | 'AuditLogEntry', Set<string>>;
}

async function insert<T extends keyof Database>(db: Db, table: T, row: Record<string, unknown>, key: string): Promise<number> {
  const r = await db.interactive
    .insertInto(table)
    .values(row as never)
    .executeTakeFirstOrThrow();
  return Number(row[key] ?? r.insertId);
}

/**
 * A practice with rows in two clinics. Clinic A's rows get small ids; clinic B's rows get
 * explicit ids from 9001 up and words no A row contains, so a leak is visible in any text. A
 * provider of no clinic works in both. Clinic B also holds rows about clinic A's patient (an
 * appointment, a procedure, a payment): those follow their own clinic, not the patient's.
 * Security-log rows about both clinics are written through the services.
 */
export async function seedTwoClinicPractice(db: Db): Promise<TwoClinicPractice> {
  const clinic = (name: string, extra: Record<string, unknown> = {}) =>
    insert(
      db,
      'clinic',
      { Description: name, Abbr: name.slice(0, 4), Address: '', City: '', State: '', Zip: '', Phone: '', IsHidden: 0, ...stamp, ...extra },
      'ClinicNum',
    );
  const provider = (lname: string, clinicNum: number, extra: Record<string, unknown> = {}) =>
    insert(
      db,
      'provider',
      {
        Abbr: lname.slice(0, 4),
        LName: lname,
        FName: 'Pat',
        Suffix: '',
        IsSecondary: 0,
        Specialty: 'General',
        FeeSched: 1,
        ClinicNum: clinicNum,
        IsHidden: 0,
        ...stamp,
        ...extra,
      },
      'ProvNum',
    );
  const operatory = (name: string, clinicNum: number, extra: Record<string, unknown> = {}) =>
    insert(
      db,
      'operatory',
      {
        OpName: name,
        Abbrev: name.slice(0, 4),
        ClinicNum: clinicNum,
        ProvDentist: 0,
        ProvHygienist: 0,
        IsHygiene: 0,
        IsHidden: 0,
        ItemOrder: 1,
        ...stamp,
        ...extra,
      },
      'OperatoryNum',
    );
  const patient = (lname: string, clinicNum: number, extra: Record<string, unknown> = {}) =>
    insert(
      db,
      'patient',
      {
        LName: lname,
        FName: 'Ann',
        MiddleI: '',
        Preferred: '',
        PatStatus: 0,
        Gender: 1,
        Birthdate: '1980-05-05',
        Email: `${lname.toLowerCase()}@example.com`,
        HmPhone: '',
        WirelessPhone: '',
        Address: '',
        City: '',
        State: '',
        Zip: '',
        Guarantor: 0,
        PriProv: 0,
        SecProv: 0,
        ClinicNum: clinicNum,
        DateFirstVisit: '2025-01-01',
        ...stamp,
        ...extra,
      },
      'PatNum',
    );
  const appointment = (patNum: number, op: number, prov: number, clinicNum: number, when: string, extra: Record<string, unknown> = {}) =>
    insert(
      db,
      'appointment',
      {
        PatNum: patNum,
        AptStatus: 2,
        Pattern: 'XXXX',
        Confirmed: 0,
        Op: op,
        ProvNum: prov,
        ProvHyg: 0,
        AptDateTime: when,
        Note: '',
        ClinicNum: clinicNum,
        IsHygiene: 0,
        ...stamp,
        ...extra,
      },
      'AptNum',
    );
  const procedure = (patNum: number, aptNum: number, code: number, prov: number, clinicNum: number, extra: Record<string, unknown> = {}) =>
    insert(
      db,
      'procedurelog',
      {
        PatNum: patNum,
        AptNum: aptNum,
        ProcStatus: 2,
        CodeNum: code,
        ProcFee: '120.00',
        ProcDate: '2026-03-02',
        ProvNum: prov,
        ClinicNum: clinicNum,
        ToothNum: '',
        Surf: '',
        DateComplete: '2026-03-02',
        ...stamp,
        ...extra,
      },
      'ProcNum',
    );
  const payment = async (patNum: number, prov: number, procNum: number, clinicNum: number, ids: { pay?: number; split?: number } = {}) => {
    const payNum = await insert(
      db,
      'payment',
      {
        ...(ids.pay ? { PayNum: ids.pay } : {}),
        PatNum: patNum,
        ClinicNum: clinicNum,
        PayType: 'Cash',
        PayDate: '2026-03-02',
        PayAmt: '50.00',
        CheckNum: '',
        PayNote: '',
        ...stamp,
      },
      'PayNum',
    );
    await insert(
      db,
      'paysplit',
      {
        ...(ids.split ? { SplitNum: ids.split } : {}),
        PayNum: payNum,
        PatNum: patNum,
        ProvNum: prov,
        ProcNum: procNum,
        ClinicNum: clinicNum,
        DatePay: '2026-03-02',
        SplitAmt: '50.00',
        ...stamp,
      },
      'SplitNum',
    );
    return payNum;
  };

  // clinic A first, with the database's own ids
  const clinicA = await clinic('Main Street');
  const sharedProvider = await provider('Everywhere', 0);
  const code = await insert(
    db,
    'procedurecode',
    { ProcCode: 'D0120', Descript: 'Periodic exam', AbbrDesc: 'PerEx', ProcTime: 'XX', ProcCat: 'Exam', IsHygiene: 0 },
    'CodeNum',
  );
  const aProvider = await provider('Adams', clinicA);
  const aOperatory = await operatory('Achair', clinicA);
  const aPatient = await patient('Avery', clinicA, { PriProv: aProvider });
  await db.interactive.updateTable('patient').set({ Guarantor: aPatient }).where('PatNum', '=', aPatient).execute();
  const aAppointment = await appointment(aPatient, aOperatory, aProvider, clinicA, '2026-03-02 09:00:00', { AptStatus: 1 });
  const aProcedure = await procedure(aPatient, aAppointment, code, aProvider, clinicA);
  const aPayment = await payment(aPatient, aProvider, aProcedure, clinicA);
  // security-log rows about clinic A, through the services (an unrestricted writer)
  const s = () => servicesFor(db);
  await s().patients.updatePatient({ id: aPatient, expectedVersion: 1, city: 'Springfield' });
  await s().schedule.confirmAppointment({ id: aAppointment });
  await s().clinical.addProcedure({ patientId: aPatient, codeId: code, providerId: aProvider, fee: '10.00' });

  // clinic B: explicit ids, telltale words
  const clinicB = await clinic('Hidden Branch', { ClinicNum: 9001, Abbr: 'Hidd' });
  const bProvider = await provider('Quillfeather', clinicB, { ProvNum: 9101 });
  const bOperatory = await operatory('Bchair', clinicB, { OperatoryNum: 9201, ProvDentist: bProvider });
  const bPatient = await patient('Zzleak', clinicB, { PatNum: 9301, Email: 'zz@leak.example', PriProv: bProvider, Guarantor: 9301 });
  // a family member homed in B whose guarantor is A's patient: A's family list must not show them
  await patient('Zzleakson', clinicB, { PatNum: 9302, Email: 'zz@leak.example', Guarantor: aPatient });
  const bAppointment = await appointment(bPatient, bOperatory, sharedProvider, clinicB, SHARED_SLOT.sql, { AptNum: 9401, AptStatus: 1, Note: 'Zzleak note' });
  // A's patient seen in clinic B: the appointment, its procedure and payment are B's rows
  const bPatientOfA = await appointment(aPatient, bOperatory, bProvider, clinicB, '2026-03-03 10:00:00', { AptNum: 9402, AptStatus: 1, Note: 'Zzleak visit' });
  const bProcedure = await procedure(bPatient, bAppointment, code, bProvider, clinicB, { ProcNum: 9501, ToothNum: '8' });
  await procedure(aPatient, bPatientOfA, code, bProvider, clinicB, { ProcNum: 9502 });
  const bPayment = await payment(bPatient, bProvider, bProcedure, clinicB, { pay: 9601, split: 9701 });
  await payment(aPatient, bProvider, 9502, clinicB, { pay: 9602, split: 9702 });

  // and about clinic B (and A's patient in clinic B)
  await s().patients.updatePatient({ id: bPatient, expectedVersion: 1, lastName: 'Zzleakova', email: 'zz@leak.example' });
  await s().patients.createPatient({ firstName: 'Bo', lastName: 'Zzleakmore', clinicId: clinicB });
  await s().schedule.cancelAppointment({ id: bPatientOfA, note: 'Zzleak cancelled' });
  await s().clinical.addProcedure({ patientId: bPatient, codeId: code, providerId: bProvider, fee: '10.00' });
  await s().billing.recordPayment({ patientId: bPatient, amount: '5.00', type: 'Cash', splits: [{ amount: '5.00', providerId: bProvider }] });
  await s().schedule.bookAppointment({ patientId: bPatient, operatoryId: bOperatory, providerId: bProvider, start: '2026-06-02T09:00:00Z', lengthMinutes: 20 });

  return {
    clinicA,
    clinicB,
    sharedProvider,
    a: { provider: aProvider, operatory: aOperatory, patient: aPatient, appointment: aAppointment, procedure: aProcedure, payment: aPayment, code },
    b: {
      provider: bProvider,
      operatory: bOperatory,
      patient: bPatient,
      appointment: bAppointment,
      procedure: bProcedure,
      payment: bPayment,
      patientOfA: bPatientOfA,
    },
  };
}

/** Every row of clinic B, and every security-log row about one, as it stands now. */
export async function otherClinicRows(db: Db, clinicB: number): Promise<OtherClinicRows> {
  const k = db.interactive;
  const ids = async (q: Promise<Array<Record<string, unknown>>>, key: string) => new Set((await q).map((r) => String(r[key])));
  const patients = await ids(k.selectFrom('patient').select('PatNum').where('ClinicNum', '=', clinicB).execute(), 'PatNum');
  const rows = {
    Patient: patients,
    Appointment: await ids(k.selectFrom('appointment').select('AptNum').where('ClinicNum', '=', clinicB).execute(), 'AptNum'),
    Procedure: await ids(k.selectFrom('procedurelog').select('ProcNum').where('ClinicNum', '=', clinicB).execute(), 'ProcNum'),
    Payment: await ids(k.selectFrom('payment').select('PayNum').where('ClinicNum', '=', clinicB).execute(), 'PayNum'),
    PaySplit: await ids(k.selectFrom('paysplit').select('SplitNum').where('ClinicNum', '=', clinicB).execute(), 'SplitNum'),
    Provider: await ids(k.selectFrom('provider').select('ProvNum').where('ClinicNum', '=', clinicB).execute(), 'ProvNum'),
    Operatory: await ids(k.selectFrom('operatory').select('OperatoryNum').where('ClinicNum', '=', clinicB).execute(), 'OperatoryNum'),
    Clinic: new Set([String(clinicB)]),
  };
  // a log row is the other clinic's when its patient is homed there or the row it changed is one of theirs
  const log = await k.selectFrom('securitylog').select(['SecurityLogNum', 'PermType', 'PatNum', 'FKey']).execute();
  const about = (r: (typeof log)[number]) => {
    const fkey = String(r.FKey);
    if (patients.has(String(r.PatNum))) return true;
    if (r.PermType.startsWith('Appointment')) return rows.Appointment.has(fkey);
    if (r.PermType.startsWith('Proc')) return rows.Procedure.has(fkey);
    if (r.PermType === 'PaymentCreate') return rows.Payment.has(fkey);
    if (r.PermType === 'PaySplitCreate') return rows.PaySplit.has(fkey);
    return false;
  };
  return { ids: { ...rows, AuditLogEntry: new Set(log.filter(about).map((r) => String(r.SecurityLogNum))) } };
}
