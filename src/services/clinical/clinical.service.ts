import { isoToSqlDateTime } from '../../lib/dates.js';
import { createConnectionReader } from '../createConnectionReader.js';
import { checkRange } from '../paging.js';
import type { ServiceDeps } from '../ServiceDeps.js';
import type { Page, Procedure, ProcedureStatus } from '../types.js';
import { distinctIds, requireClinicVisible, visibleClinics } from '../visibility.js';
import { procedureConnection, selectProceduresByAppointments, type ProcedureFilter } from './clinical.queries.js';
import { procedureStatusCode, toProcedure } from './mapProcedure.js';

/** Filters of `procedures(...)` and `Patient.procedures(...)`; from/to 'YYYY-MM-DD' inclusive. */
export interface ProcedureListArgs {
  from?: string | null;
  to?: string | null;
  clinicId?: number | null;
  providerId?: number | null;
  patientId?: number | null;
  status?: readonly ProcedureStatus[] | null;
  changedSince?: string | null;
  first?: number | null;
  after?: string | null;
}

/** Procedure reads. A procedure is visible when its own clinic is. */
export function createClinicalService(deps: ServiceDeps) {
  const clinics = visibleClinics(deps.principal);
  const reader = createConnectionReader(procedureConnection, { db: deps.db.reporting, runner: deps.runner, clinics, paging: deps.paging });

  const filterOf = (args: ProcedureListArgs): ProcedureFilter => {
    checkRange(args.from, args.to);
    if (args.clinicId != null) requireClinicVisible(deps.principal, args.clinicId);
    return {
      from: args.from ?? undefined,
      to: args.to ?? undefined,
      clinicId: args.clinicId ?? undefined,
      providerId: args.providerId ?? undefined,
      patientId: args.patientId ?? undefined,
      statuses: args.status?.length ? args.status.map(procedureStatusCode) : undefined,
      changedSince: args.changedSince ? isoToSqlDateTime(args.changedSince) : undefined,
    };
  };

  return {
    byIds: (ids: readonly number[]): Promise<Procedure[]> => reader.byIds(ids),
    /** Procedures attached to each appointment (Appointment.procedures), ordered by id. */
    async byAppointmentIds(appointmentIds: readonly number[]): Promise<Procedure[]> {
      const wanted = distinctIds(appointmentIds);
      if (wanted.length === 0) return [];
      return (await deps.runner.read('loadProceduresByAppointments', selectProceduresByAppointments(deps.db.reporting, wanted, clinics))).map(toProcedure);
    },
    list: (args: ProcedureListArgs): Promise<Page<Procedure>> => reader.page(filterOf(args), args),
    /** One page per patient, all in one statement (Patient.procedures). */
    pagesByPatients: (patientIds: readonly number[], args: ProcedureListArgs): Promise<Map<number, Page<Procedure>>> =>
      reader.pagesByParents(patientIds, filterOf({ ...args, patientId: null }), args),
  };
}

export type ClinicalService = ReturnType<typeof createClinicalService>;
