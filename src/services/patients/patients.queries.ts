import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables.js';
import type { ConnectionSpec } from '../createConnectionReader.js';
import type { Patient } from '../types.js';
import { inList } from '../visibility.js';
import { toPatient } from './mapPatient.js';

export interface PatientListFilter {
  clinicId?: number;
  /** a name prefix, LIKE wildcards already removed */
  search?: string;
  statuses?: number[];
  /** UTC 'YYYY-MM-DD HH:MM:SS': switches the order to (DateTStamp, PatNum) */
  changedSince?: string;
}

/** Patients as a connection: by PatNum, or (DateTStamp, PatNum) when syncing. A patient is visible when its home clinic is. */
export const patientConnection: ConnectionSpec<'patient', PatientListFilter, Patient> = {
  from: (db) => db.selectFrom('patient').selectAll(),
  id: 'PatNum',
  parent: 'Guarantor',
  clinic: 'ClinicNum',
  sortColumn: 'PatNum',
  orders: { natural: 'pat.id', sync: 'pat.changed' },
  where(q, f) {
    if (f.clinicId !== undefined) q = q.where('ClinicNum', '=', f.clinicId);
    if (f.statuses) q = q.where('PatStatus', 'in', inList(f.statuses));
    if (f.search) {
      const like = `${f.search}%`;
      q = q.where((eb) => eb.or([eb('LName', 'like', like), eb('FName', 'like', like), eb('Preferred', 'like', like)]));
    }
    if (f.changedSince !== undefined) q = q.where('DateTStamp', '>=', f.changedSince);
    return q;
  },
  toNode: toPatient,
  purposes: { byIds: 'loadPatientsByIds', list: 'listPatients', sync: 'syncPatients', byParents: 'loadFamiliesPaged' },
};

/** Everyone whose guarantor is one of `guarantors`, in visible clinics, ordered by (Guarantor, PatNum). */
export function selectFamilies(db: Kysely<Database>, guarantors: number[], clinics: readonly number[] | null, limit: number) {
  let q = db.selectFrom('patient').selectAll().where('Guarantor', 'in', inList(guarantors));
  if (clinics) q = q.where('ClinicNum', 'in', inList(clinics));
  return q.orderBy('Guarantor').orderBy('PatNum').limit(limit);
}
