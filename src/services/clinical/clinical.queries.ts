import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Database } from '../../db/tables.js';
import { afterKey } from '../keyset.js';
import { inList } from '../visibility.js';

/** Procedure filters; dates 'YYYY-MM-DD' inclusive, changedSince UTC 'YYYY-MM-DD HH:MM:SS'. */
export interface ProcedureFilter {
  clinics: number[] | null;
  from?: string;
  to?: string;
  clinicId?: number;
  providerId?: number;
  patientId?: number;
  statuses?: number[];
  changedSince?: string;
}

export interface ProcedureAfter {
  value: string;
  id: number;
}

function applyFilter<O>(q: SelectQueryBuilder<Database, 'procedurelog', O>, f: ProcedureFilter) {
  if (f.clinics) q = q.where('ClinicNum', 'in', inList(f.clinics));
  if (f.clinicId !== undefined) q = q.where('ClinicNum', '=', f.clinicId);
  if (f.providerId !== undefined) q = q.where('ProvNum', '=', f.providerId);
  if (f.patientId !== undefined) q = q.where('PatNum', '=', f.patientId);
  if (f.statuses) q = q.where('ProcStatus', 'in', inList(f.statuses));
  if (f.from !== undefined) q = q.where('ProcDate', '>=', f.from);
  if (f.to !== undefined) q = q.where('ProcDate', '<=', f.to);
  if (f.changedSince !== undefined) q = q.where('DateTStamp', '>=', f.changedSince);
  return q;
}

export const procedureSortColumn = (f: ProcedureFilter) => (f.changedSince !== undefined ? ('DateTStamp' as const) : ('ProcDate' as const));

export function selectProceduresByIds(db: Kysely<Database>, ids: number[], clinics: number[] | null) {
  return applyFilter(db.selectFrom('procedurelog').selectAll().where('ProcNum', 'in', inList(ids)), { clinics });
}

/** Every procedure of the given appointments, ordered by (AptNum, ProcNum). */
export function selectProceduresByAppointments(db: Kysely<Database>, appointmentIds: number[], clinics: number[] | null) {
  return applyFilter(db.selectFrom('procedurelog').selectAll().where('AptNum', 'in', inList(appointmentIds)), { clinics })
    .orderBy('AptNum')
    .orderBy('ProcNum');
}

export function selectProcedurePage(db: Kysely<Database>, f: ProcedureFilter, after: ProcedureAfter | undefined, limit: number) {
  const col = procedureSortColumn(f);
  let q = applyFilter(db.selectFrom('procedurelog').selectAll(), f);
  if (after) q = q.where(afterKey(col, 'ProcNum', after.value, after.id));
  return q.orderBy(col).orderBy('ProcNum').limit(limit);
}

/** The first `limit` procedures of each patient in one statement (ROW_NUMBER per PatNum). */
export function selectProceduresForPatients(
  db: Kysely<Database>,
  patientIds: number[],
  f: ProcedureFilter,
  after: ProcedureAfter | undefined,
  limit: number,
) {
  const col = procedureSortColumn(f);
  let inner = applyFilter(
    db
      .selectFrom('procedurelog')
      .selectAll()
      .select((eb) => eb.fn.agg<number>('row_number').over((ob) => ob.partitionBy('PatNum').orderBy(col).orderBy('ProcNum')).as('rn'))
      .where('PatNum', 'in', inList(patientIds)),
    f,
  );
  if (after) inner = inner.where(afterKey(col, 'ProcNum', after.value, after.id));
  return db.selectFrom(inner.as('t')).selectAll().where('t.rn', '<=', limit).orderBy('t.PatNum').orderBy('t.rn');
}
