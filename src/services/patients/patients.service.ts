import { isoToSqlDateTime } from '../../lib/dates.js';
import { notFound } from '../../lib/DomainError.js';
import { createConnectionReader } from '../createConnectionReader.js';
import type { ServiceDeps } from '../ServiceDeps.js';
import type { Page, Patient, PatientStatus } from '../types.js';
import { distinctIds, requireClinicVisible, visibleClinics } from '../visibility.js';
import { patientStatusCode, toPatient } from './mapPatient.js';
import { patientConnection, selectFamilies } from './patients.queries.js';

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
export function createPatientsService(deps: ServiceDeps) {
  const clinics = visibleClinics(deps.principal);
  const reader = createConnectionReader(patientConnection, { db: deps.db.reporting, runner: deps.runner, clinics, paging: deps.paging });

  return {
    byIds: (ids: readonly number[]): Promise<Patient[]> => reader.byIds(ids),
    async get(id: number): Promise<Patient> {
      const [patient] = await reader.byIds([id]);
      if (!patient) throw notFound('Patient', id);
      return patient;
    },
    /** Family members of each guarantor (at most FAMILY_LIMIT each), ordered by id. */
    async familiesByGuarantors(guarantorIds: readonly number[]): Promise<Patient[]> {
      const wanted = distinctIds(guarantorIds);
      if (wanted.length === 0) return [];
      const rows = await deps.runner.read('loadFamilies', selectFamilies(deps.db.reporting, wanted, clinics, wanted.length * FAMILY_LIMIT));
      const count = new Map<number, number>();
      return rows.map(toPatient).filter((p) => {
        const n = (count.get(p.guarantorId ?? 0) ?? 0) + 1;
        count.set(p.guarantorId ?? 0, n);
        return n <= FAMILY_LIMIT;
      });
    },
    async list(args: PatientListArgs): Promise<Page<Patient>> {
      if (args.clinicId != null) requireClinicVisible(deps.principal, args.clinicId);
      const search =
        args.search
          ?.replace(/[\\%_]/g, '')
          .trim()
          .slice(0, 100) || undefined;
      return reader.page(
        {
          clinicId: args.clinicId ?? undefined,
          search,
          statuses: args.status?.length ? args.status.map(patientStatusCode) : undefined,
          changedSince: args.changedSince ? isoToSqlDateTime(args.changedSince) : undefined,
        },
        args,
      );
    },
  };
}

export type PatientsService = ReturnType<typeof createPatientsService>;
