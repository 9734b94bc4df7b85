import type { AdminConnection } from './createAdminConnection.js';

/** Ids and dates the scenarios build their requests from, read once from the seeded data. */
export interface DatasetFacts {
  /** patients that have a scheduled appointment, for the front-desk lookup */
  patientIds: number[];
  providerIds: number[];
  operatoryIds: number[];
  clinicIds: number[];
  /** first and last appointment times, 'YYYY-MM-DD HH:MM:SS' */
  firstAppointment: string;
  lastAppointment: string;
  /** the day with the most appointments ('YYYY-MM-DD'), for schedule pages */
  busiestDay: string;
  /** the first and last procedure dates, for wide report ranges */
  firstProcedureDate: string;
  lastProcedureDate: string;
}

const ints = (rows: unknown, key: string): number[] => (rows as Record<string, unknown>[]).map((r) => Number(r[key]));

export async function readDatasetFacts(admin: AdminConnection): Promise<DatasetFacts> {
  const [patients] = await admin.query('SELECT DISTINCT PatNum FROM appointment WHERE AptStatus = 1 ORDER BY PatNum LIMIT 2000');
  const [providers] = await admin.query('SELECT ProvNum FROM provider WHERE IsHidden = 0 ORDER BY ProvNum');
  const [operatories] = await admin.query('SELECT OperatoryNum FROM operatory WHERE IsHidden = 0 ORDER BY OperatoryNum');
  const [clinics] = await admin.query('SELECT ClinicNum FROM clinic ORDER BY ClinicNum');
  const [range] = await admin.query('SELECT MIN(AptDateTime) AS first, MAX(AptDateTime) AS last FROM appointment');
  const [busiest] = await admin.query(
    'SELECT DATE(AptDateTime) AS day, COUNT(*) AS n FROM appointment GROUP BY DATE(AptDateTime) ORDER BY n DESC, day LIMIT 1',
  );
  const [procs] = await admin.query('SELECT MIN(ProcDate) AS first, MAX(ProcDate) AS last FROM procedurelog');
  const r = (range as { first: string | null; last: string | null }[])[0];
  const p = (procs as { first: string | null; last: string | null }[])[0];
  const facts: DatasetFacts = {
    patientIds: ints(patients, 'PatNum'),
    providerIds: ints(providers, 'ProvNum'),
    operatoryIds: ints(operatories, 'OperatoryNum'),
    clinicIds: ints(clinics, 'ClinicNum'),
    firstAppointment: r?.first ?? '2020-01-01 00:00:00',
    lastAppointment: r?.last ?? '2030-01-01 00:00:00',
    busiestDay: String((busiest as { day: string }[])[0]?.day ?? '2026-01-05').slice(0, 10),
    firstProcedureDate: String(p?.first ?? '2020-01-01').slice(0, 10),
    lastProcedureDate: String(p?.last ?? '2030-01-01').slice(0, 10),
  };
  if (facts.patientIds.length === 0) throw new Error('the bench dataset has no patients with scheduled appointments');
  return facts;
}
