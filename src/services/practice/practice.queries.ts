import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables.js';
import { inList } from '../visibility.js';

/** Kysely builders for the practice directory. `clinics` null = every clinic. Executed by the service through the runner. */

export function selectClinics(db: Kysely<Database>, f: { clinics: number[] | null; ids?: number[]; includeHidden: boolean }) {
  let q = db.selectFrom('clinic').selectAll();
  if (f.clinics) q = q.where('ClinicNum', 'in', inList(f.clinics));
  if (f.ids) q = q.where('ClinicNum', 'in', inList(f.ids));
  if (!f.includeHidden) q = q.where('IsHidden', '=', 0);
  return q.orderBy('ClinicNum');
}

/** Providers of the given clinics or of none (ClinicNum 0). */
export function selectProviders(db: Kysely<Database>, f: { clinics: number[] | null; ids?: number[]; clinicId?: number; includeHidden: boolean }) {
  let q = db.selectFrom('provider').selectAll();
  if (f.clinics) {
    const clinics = inList(f.clinics);
    q = q.where((eb) => eb.or([eb('ClinicNum', '=', 0), eb('ClinicNum', 'in', clinics)]));
  }
  if (f.clinicId !== undefined) {
    const clinicId = f.clinicId;
    q = q.where((eb) => eb.or([eb('ClinicNum', '=', 0), eb('ClinicNum', '=', clinicId)]));
  }
  if (f.ids) q = q.where('ProvNum', 'in', inList(f.ids));
  if (!f.includeHidden) q = q.where('IsHidden', '=', 0);
  return q.orderBy('ProvNum');
}

export function selectOperatories(db: Kysely<Database>, f: { clinics: number[] | null; ids?: number[]; clinicId?: number; includeHidden: boolean }) {
  let q = db.selectFrom('operatory').selectAll();
  if (f.clinics) {
    const clinics = inList(f.clinics);
    q = q.where((eb) => eb.or([eb('ClinicNum', '=', 0), eb('ClinicNum', 'in', clinics)]));
  }
  if (f.clinicId !== undefined) q = q.where('ClinicNum', '=', f.clinicId);
  if (f.ids) q = q.where('OperatoryNum', 'in', inList(f.ids));
  if (!f.includeHidden) q = q.where('IsHidden', '=', 0);
  return q.orderBy('ItemOrder').orderBy('OperatoryNum');
}

export function selectProcedureCodesByIds(db: Kysely<Database>, ids: number[]) {
  return db.selectFrom('procedurecode').selectAll().where('CodeNum', 'in', inList(ids)).orderBy('CodeNum');
}

/** One page of the code list ordered by (ProcCode, CodeNum), `limit` rows. */
export function selectProcedureCodePage(db: Kysely<Database>, f: { search?: string | null; after?: readonly [string, number]; limit: number }) {
  let q = db.selectFrom('procedurecode').selectAll();
  if (f.search) {
    const like = `${f.search.replace(/[\\%_]/g, '')}%`; // wildcards dropped: LIKE escapes differ by dialect
    q = q.where((eb) => eb.or([eb('ProcCode', 'like', like), eb('Descript', 'like', like)]));
  }
  if (f.after) {
    const [code, id] = f.after;
    q = q.where((eb) => eb.and([eb('ProcCode', '>=', code), eb.or([eb('ProcCode', '>', code), eb('CodeNum', '>', id)])]));
  }
  return q.orderBy('ProcCode').orderBy('CodeNum').limit(f.limit);
}
