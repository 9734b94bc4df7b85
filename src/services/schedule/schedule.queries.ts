import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Database } from '../../db/tables.js';
import { afterKey } from '../keyset.js';
import { inList } from '../visibility.js';
import { KNOWN_APPOINTMENT_CODES } from './mapAppointment.js';

/** Appointment filters; times are UTC 'YYYY-MM-DD HH:MM:SS', `to` exclusive. */
export interface AppointmentFilter {
  clinics: number[] | null;
  from?: string;
  to?: string;
  clinicId?: number;
  providerId?: number;
  operatoryId?: number;
  patientId?: number;
  statuses?: number[];
  changedSince?: string;
}

/** The page position: the sort column's value and the id of the previous page's last row. */
export interface AppointmentAfter {
  value: string;
  id: number;
}

function applyFilter<O>(q: SelectQueryBuilder<Database, 'appointment', O>, f: AppointmentFilter) {
  q = q.where('AptStatus', 'in', f.statuses ?? KNOWN_APPOINTMENT_CODES);
  if (f.clinics) q = q.where('ClinicNum', 'in', inList(f.clinics));
  if (f.clinicId !== undefined) q = q.where('ClinicNum', '=', f.clinicId);
  if (f.providerId !== undefined) {
    const p = f.providerId;
    q = q.where((eb) => eb.or([eb('ProvNum', '=', p), eb('ProvHyg', '=', p)]));
  }
  if (f.operatoryId !== undefined) q = q.where('Op', '=', f.operatoryId);
  if (f.patientId !== undefined) q = q.where('PatNum', '=', f.patientId);
  if (f.from !== undefined) q = q.where('AptDateTime', '>=', f.from);
  if (f.to !== undefined) q = q.where('AptDateTime', '<', f.to);
  if (f.changedSince !== undefined) q = q.where('DateTStamp', '>=', f.changedSince);
  return q;
}

/** The sort column: AptDateTime, or DateTStamp when syncing with changedSince. */
export const appointmentSortColumn = (f: AppointmentFilter) => (f.changedSince !== undefined ? ('DateTStamp' as const) : ('AptDateTime' as const));

export function selectAppointmentsByIds(db: Kysely<Database>, ids: number[], clinics: number[] | null) {
  return applyFilter(db.selectFrom('appointment').selectAll().where('AptNum', 'in', inList(ids)), { clinics });
}

/** One page ordered by (sort column, AptNum). */
export function selectAppointmentPage(db: Kysely<Database>, f: AppointmentFilter, after: AppointmentAfter | undefined, limit: number) {
  const col = appointmentSortColumn(f);
  let q = applyFilter(db.selectFrom('appointment').selectAll(), f);
  if (after) q = q.where(afterKey(col, 'AptNum', after.value, after.id));
  return q.orderBy(col).orderBy('AptNum').limit(limit);
}

/**
 * The first `limit` appointments of each patient in one statement (ROW_NUMBER per PatNum),
 * so Patient.appointments costs one query per page of patients, not one per patient.
 */
export function selectAppointmentsForPatients(
  db: Kysely<Database>,
  patientIds: number[],
  f: AppointmentFilter,
  after: AppointmentAfter | undefined,
  limit: number,
) {
  const col = appointmentSortColumn(f);
  let inner = applyFilter(
    db
      .selectFrom('appointment')
      .selectAll()
      .select((eb) => eb.fn.agg<number>('row_number').over((ob) => ob.partitionBy('PatNum').orderBy(col).orderBy('AptNum')).as('rn'))
      .where('PatNum', 'in', inList(patientIds)),
    f,
  );
  if (after) inner = inner.where(afterKey(col, 'AptNum', after.value, after.id));
  return db
    .selectFrom(inner.as('t'))
    .selectAll()
    .where('t.rn', '<=', limit)
    .orderBy('t.PatNum')
    .orderBy('t.rn');
}
