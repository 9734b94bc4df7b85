import type { Db } from '../../../src/db/createDb.js';
import type { Database } from '../../../src/db/tables.js';

/**
 * A small, deterministic practice for the read API tests, inserted directly (each test file
 * seeds its own data): 3 clinics, providers, operatories, codes, families of patients,
 * appointments with procedures, payments with splits. Fees include cents that floats get wrong.
 */
export interface ReadFixture {
  clinics: number[];
  providers: number[];
  operatories: number[];
  codes: number[];
  patients: { id: number; clinicId: number }[];
  /** appointments per clinic index */
  appointmentCount: number;
}

const stampAt = (t: string) => ({
  SecUserNumEntry: 0,
  SecProgramNumEntry: 0,
  SecUserNumEdit: 0,
  SecProgramNumEdit: 0,
  SecDateTEntry: t,
  DateTStamp: t,
  RowVersion: 1,
});

/** mulberry32: same numbers on every machine. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
/** 2026-01-01 plus `day` days at hh:mm, in the database's form. */
const at = (day: number, hour: number, minute = 0) => {
  const d = new Date(Date.UTC(2026, 0, 1 + day, hour, minute));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(hour)}:${pad(minute)}:00`;
};

async function insertMany<T extends keyof Database>(db: Db, table: T, rows: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) {
    await db.interactive
      .insertInto(table)
      .values(rows.slice(i, i + 100) as any)
      .execute();
  }
}

async function ids(
  db: Db,
  table: 'clinic' | 'provider' | 'operatory' | 'procedurecode' | 'patient' | 'appointment' | 'procedurelog' | 'payment',
  key: string,
): Promise<number[]> {
  const rows = (await db.interactive
    .selectFrom(table)
    .select(key as any)
    .orderBy(key as any)
    .execute()) as Record<string, number>[];
  return rows.map((r) => Number(r[key]));
}

export async function seedReadFixture(db: Db, opts: { patients?: number; appointments?: number } = {}): Promise<ReadFixture> {
  const random = rng(7);
  const base = '2026-01-01 08:00:00';
  await insertMany(
    db,
    'clinic',
    ['North', 'South', 'East'].map((name) => ({
      Description: `${name} Dental`,
      Abbr: name,
      Address: '1 Main St',
      City: 'Springfield',
      State: 'IL',
      Zip: '62701',
      Phone: '555-0100',
      IsHidden: 0,
      ...stampAt(base),
    })),
  );
  const clinics = await ids(db, 'clinic', 'ClinicNum');
  await insertMany(db, 'provider', [
    {
      Abbr: 'DOC1',
      LName: 'Adams',
      FName: 'Ann',
      Suffix: 'DDS',
      IsSecondary: 0,
      Specialty: 'General',
      FeeSched: 1,
      ClinicNum: clinics[0],
      IsHidden: 0,
      ...stampAt(base),
    },
    {
      Abbr: 'DOC2',
      LName: 'Baker',
      FName: 'Bob',
      Suffix: 'DMD',
      IsSecondary: 0,
      Specialty: 'General',
      FeeSched: 1,
      ClinicNum: clinics[1],
      IsHidden: 0,
      ...stampAt(base),
    },
    {
      Abbr: 'HYG1',
      LName: 'Clark',
      FName: 'Cora',
      Suffix: 'RDH',
      IsSecondary: 1,
      Specialty: 'Hygiene',
      FeeSched: 1,
      ClinicNum: 0,
      IsHidden: 0,
      ...stampAt(base),
    },
    {
      Abbr: 'DOC3',
      LName: 'Diaz',
      FName: 'Dan',
      Suffix: 'DDS',
      IsSecondary: 0,
      Specialty: 'Endo',
      FeeSched: 1,
      ClinicNum: clinics[2],
      IsHidden: 0,
      ...stampAt(base),
    },
  ]);
  const providers = await ids(db, 'provider', 'ProvNum');
  await insertMany(
    db,
    'operatory',
    [0, 1, 2, 0].map((c, i) => ({
      OpName: `Op ${i + 1}`,
      Abbrev: `O${i + 1}`,
      ClinicNum: clinics[c],
      ProvDentist: providers[c === 2 ? 3 : c],
      ProvHygienist: providers[2],
      IsHygiene: i === 3 ? 1 : 0,
      IsHidden: 0,
      ItemOrder: i,
      ...stampAt(base),
    })),
  );
  const operatories = await ids(db, 'operatory', 'OperatoryNum');
  await insertMany(
    db,
    'procedurecode',
    [
      ['D0120', 'Periodic oral evaluation', 'PerEx', '/X/', 'Exams', 0],
      ['D1110', 'Prophylaxis - adult', 'Pro', '//XX//', 'Cleanings', 1],
      ['D2391', 'Resin composite - one surface, posterior', 'Comp1', '/XX/', 'Restorative', 0],
      ['D2740', 'Crown - porcelain/ceramic', 'Crown', '/XXXX/', 'Crowns', 0],
      ['D0274', 'Bitewings - four radiographic images', '4BW', '/X', 'Radiographs', 0],
    ].map(([code, descript, abbr, time, cat, hyg]) => ({ ProcCode: code, Descript: descript, AbbrDesc: abbr, ProcTime: time, ProcCat: cat, IsHygiene: hyg })),
  );
  const codes = await ids(db, 'procedurecode', 'CodeNum');
  const fees = ['58.10', '99.99', '185.05', '1240.33', '66.70'];

  // patients in families of 1-3, each family in one clinic; DateTStamp ties on purpose (sync order)
  const patientTotal = opts.patients ?? 60;
  const patientRows: Record<string, unknown>[] = [];
  const familyOf: number[] = [];
  let family = 0;
  for (let i = 0; i < patientTotal; i++) {
    if (i === 0 || random() < 0.5) family = i;
    familyOf.push(family);
    const clinicIdx = family % 3;
    patientRows.push({
      LName: ['Smith', 'Jones', 'Garcia', 'Nguyen', 'Brown', 'Olsen'][family % 6],
      FName: `Pat${i}`,
      MiddleI: '',
      Preferred: '',
      PatStatus: i % 17 === 5 ? 2 : 0,
      Gender: i % 3,
      Birthdate: `19${50 + (i % 49)}-0${1 + (i % 9)}-1${i % 9}`,
      Email: `pat${i}@example.com`,
      HmPhone: '',
      WirelessPhone: '',
      Address: '',
      City: '',
      State: '',
      Zip: '',
      Guarantor: 0,
      PriProv: providers[clinicIdx === 2 ? 3 : clinicIdx],
      SecProv: providers[2],
      ClinicNum: clinics[clinicIdx],
      DateFirstVisit: '2020-01-02',
      ...stampAt(at(i % 7, 9)),
    });
  }
  await insertMany(db, 'patient', patientRows);
  const patientIds = await ids(db, 'patient', 'PatNum');
  for (let i = 0; i < patientIds.length; i++) {
    await db.interactive.updateTable('patient').set({ Guarantor: patientIds[familyOf[i]] }).where('PatNum', '=', patientIds[i]).execute();
  }
  const patients = patientIds.map((id, i) => ({ id, clinicId: clinics[familyOf[i] % 3] }));

  // appointments: spread over 30 days, statuses mixed; same AptDateTime for several rows (keyset ties)
  const appointmentTotal = opts.appointments ?? 150;
  const aptRows: Record<string, unknown>[] = [];
  for (let i = 0; i < appointmentTotal; i++) {
    const p = patients[i % patients.length];
    const clinicIdx = clinics.indexOf(p.clinicId);
    aptRows.push({
      PatNum: p.id,
      AptStatus: [1, 2, 2, 5, 1, 6, 3][i % 7],
      Pattern: '/XX/',
      Confirmed: i % 2,
      Op: operatories[clinicIdx],
      ProvNum: providers[clinicIdx === 2 ? 3 : clinicIdx],
      ProvHyg: i % 4 === 0 ? providers[2] : 0,
      AptDateTime: at(i % 30, 8 + (i % 3)),
      Note: '',
      ClinicNum: p.clinicId,
      IsHygiene: 0,
      ...stampAt(at(i % 5, 12)),
    });
  }
  await insertMany(db, 'appointment', aptRows);
  const aptIds = await ids(db, 'appointment', 'AptNum');

  // 1-3 procedures per appointment, completed when the appointment is
  const procRows: Record<string, unknown>[] = [];
  aptIds.forEach((aptId, i) => {
    const apt = aptRows[i];
    const n = 1 + (i % 3);
    for (let k = 0; k < n; k++) {
      const c = (i + k) % codes.length;
      const complete = apt.AptStatus === 2;
      const date = String(apt.AptDateTime).slice(0, 10);
      procRows.push({
        PatNum: apt.PatNum,
        AptNum: aptId,
        ProcStatus: complete ? 2 : 1,
        CodeNum: codes[c],
        ProcFee: fees[c],
        ProcDate: date,
        ProvNum: apt.ProvNum,
        ClinicNum: apt.ClinicNum,
        ToothNum: k === 0 ? '' : String(3 + k),
        Surf: '',
        DateComplete: complete ? date : null,
        ...stampAt(at(i % 6, 13)),
      });
    }
  });
  await insertMany(db, 'procedurelog', procRows);
  const procIds = await ids(db, 'procedurelog', 'ProcNum');

  // a payment for each completed procedure pair, split in two
  const payRows: Record<string, unknown>[] = [];
  const splitPlans: { procIdx: number; amount: string }[][] = [];
  for (let i = 0; i + 1 < procRows.length; i += 4) {
    const a = procRows[i];
    const b = procRows[i + 1];
    if (a.PatNum !== b.PatNum) continue;
    payRows.push({
      PatNum: a.PatNum,
      ClinicNum: a.ClinicNum,
      PayType: ['Cash', 'Check', 'Card'][i % 3],
      PayDate: a.ProcDate,
      PayAmt: '0.30',
      CheckNum: '',
      PayNote: '',
      ...stampAt(at((i / 4) % 5, 15)),
    });
    splitPlans.push([
      { procIdx: i, amount: '0.10' },
      { procIdx: i + 1, amount: '0.20' },
    ]);
  }
  await insertMany(db, 'payment', payRows);
  const payIds = await ids(db, 'payment', 'PayNum');
  const splitRows: Record<string, unknown>[] = [];
  payIds.forEach((payId, i) => {
    for (const s of splitPlans[i]) {
      const proc = procRows[s.procIdx];
      splitRows.push({
        PayNum: payId,
        PatNum: proc.PatNum,
        ProvNum: proc.ProvNum,
        ProcNum: procIds[s.procIdx],
        ClinicNum: proc.ClinicNum,
        DatePay: payRows[i].PayDate,
        SplitAmt: s.amount,
        ...stampAt(base),
      });
    }
  });
  await insertMany(db, 'paysplit', splitRows);
  return { clinics, providers, operatories, codes, patients, appointmentCount: appointmentTotal };
}
