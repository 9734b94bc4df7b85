import type { PatientRow } from '../../db/tables.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { isoToSqlDateTime } from '../../lib/dates.js';
import { notFound } from '../../lib/DomainError.js';
import type { ReadDeps } from '../ReadDeps.js';
import { buildPage, pageSize } from '../paging.js';
import type { Page, Patient, PatientStatus } from '../types.js';
import { distinctIds, requireClinicVisible, visibleClinics } from '../visibility.js';
import { patientStatusCode, toPatient } from './mapPatient.js';
import { selectFamilies, selectPatientPage, selectPatientsByIds } from './patients.queries.js';

export interface PatientListArgs {
  clinicId?: number | null;
  search?: string | null;
  status?: readonly PatientStatus[] | null;
  /** ISO 8601 with offset */
  changedSince?: string | null;
  first?: number | null;
  after?: string | null;
}

/** The most family members returned for one guarantor. */
const FAMILY_LIMIT = 50;

/** Patient reads. A patient is visible when its home clinic (ClinicNum) is. */
export function createPatientsService(deps: ReadDeps) {
  const db = deps.db.reporting;
  const clinics = visibleClinics(deps.principal);

  const byIds = async (ids: readonly number[]): Promise<Patient[]> => {
    const wanted = distinctIds(ids);
    if (wanted.length === 0) return [];
    return (await deps.runner.read('loadPatientsByIds', selectPatientsByIds(db, wanted, clinics))).map(toPatient);
  };

  return {
    byIds,
    async get(id: number): Promise<Patient> {
      const [patient] = await byIds([id]);
      if (!patient) throw notFound('Patient', id);
      return patient;
    },
    /** Family members of each guarantor (at most FAMILY_LIMIT each), ordered by id. */
    async familiesByGuarantors(guarantorIds: readonly number[]): Promise<Patient[]> {
      const wanted = distinctIds(guarantorIds);
      if (wanted.length === 0) return [];
      const rows = await deps.runner.read('loadFamilies', selectFamilies(db, wanted, clinics, wanted.length * FAMILY_LIMIT));
      const count = new Map<number, number>();
      return rows.map(toPatient).filter((p) => {
        const n = (count.get(p.guarantorId ?? 0) ?? 0) + 1;
        count.set(p.guarantorId ?? 0, n);
        return n <= FAMILY_LIMIT;
      });
    },
    async list(args: PatientListArgs): Promise<Page<Patient>> {
      const size = pageSize(args.first, deps.paging);
      if (args.clinicId != null) requireClinicVisible(deps.principal, args.clinicId);
      const changedSince = args.changedSince ? isoToSqlDateTime(args.changedSince) : undefined;
      const order = changedSince ? 'pat.changed' : 'pat.id';
      let afterId: number | undefined;
      let afterStamp: string | undefined;
      if (args.after) {
        if (changedSince) [afterStamp, afterId] = decodeCursor(args.after, order, ['string', 'number'] as const);
        else [afterId] = decodeCursor(args.after, order, ['number'] as const);
      }
      const search = args.search?.replace(/[\\%_]/g, '').trim().slice(0, 100) || undefined;
      const q = selectPatientPage(
        db,
        {
          clinics,
          clinicId: args.clinicId ?? undefined,
          search,
          statuses: args.status?.length ? args.status.map(patientStatusCode) : undefined,
          changedSince,
        },
        { afterId, afterStamp, limit: size + 1 },
      );
      const rows = await deps.runner.read(changedSince ? 'syncPatients' : 'listPatients', q);
      const cursorOf = (r: PatientRow) =>
        changedSince ? encodeCursor(order, [r.DateTStamp, Number(r.PatNum)]) : encodeCursor(order, [Number(r.PatNum)]);
      return buildPage(rows, size, Boolean(args.after), toPatient, cursorOf);
    },
  };
}

export type PatientsService = ReturnType<typeof createPatientsService>;
