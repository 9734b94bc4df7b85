import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables.js';
import { inList } from '../visibility.js';

export interface PatientListFilter {
  clinics: number[] | null;
  clinicId?: number;
  search?: string;
  statuses?: number[];
  /** UTC 'YYYY-MM-DD HH:MM:SS': switches the order to (DateTStamp, PatNum) */
  changedSince?: string;
}

/** Patients by key, limited to visible clinics. */
export function selectPatientsByIds(db: Kysely<Database>, ids: number[], clinics: number[] | null) {
  let q = db.selectFrom('patient').selectAll().where('PatNum', 'in', inList(ids));
  if (clinics) q = q.where('ClinicNum', 'in', inList(clinics));
  return q;
}

/** Everyone whose guarantor is one of `guarantors`, ordered by (Guarantor, PatNum). */
export function selectFamilies(db: Kysely<Database>, guarantors: number[], clinics: number[] | null, limit: number) {
  let q = db.selectFrom('patient').selectAll().where('Guarantor', 'in', inList(guarantors));
  if (clinics) q = q.where('ClinicNum', 'in', inList(clinics));
  return q.orderBy('Guarantor').orderBy('PatNum').limit(limit);
}

/** One page: by PatNum, or by (DateTStamp, PatNum) with changedSince; `after` is the previous page's last key. */
export function selectPatientPage(
  db: Kysely<Database>,
  f: PatientListFilter,
  page: { afterId?: number; afterStamp?: string; limit: number },
) {
  let q = db.selectFrom('patient').selectAll();
  if (f.clinics) q = q.where('ClinicNum', 'in', inList(f.clinics));
  if (f.clinicId !== undefined) q = q.where('ClinicNum', '=', f.clinicId);
  if (f.statuses) q = q.where('PatStatus', 'in', inList(f.statuses));
  if (f.search) {
    const like = `${f.search}%`;
    q = q.where((eb) => eb.or([eb('LName', 'like', like), eb('FName', 'like', like), eb('Preferred', 'like', like)]));
  }
  if (f.changedSince !== undefined) {
    q = q.where('DateTStamp', '>=', f.changedSince);
    if (page.afterStamp !== undefined && page.afterId !== undefined) {
      const [stamp, id] = [page.afterStamp, page.afterId];
      q = q.where((eb) => eb.and([eb('DateTStamp', '>=', stamp), eb.or([eb('DateTStamp', '>', stamp), eb('PatNum', '>', id)])]));
    }
    return q.orderBy('DateTStamp').orderBy('PatNum').limit(page.limit);
  }
  if (page.afterId !== undefined) q = q.where('PatNum', '>', page.afterId);
  return q.orderBy('PatNum').limit(page.limit);
}
