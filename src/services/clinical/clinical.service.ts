import type { ProcedureRow } from '../../db/tables.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { isoToSqlDateTime } from '../../lib/dates.js';
import type { ReadDeps } from '../ReadDeps.js';
import { groupPages } from '../groupPages.js';
import { buildPage, checkRange, pageSize } from '../paging.js';
import type { Page, Procedure, ProcedureStatus } from '../types.js';
import { distinctIds, requireClinicVisible, visibleClinics } from '../visibility.js';
import { procedureStatusCode, toProcedure } from './mapProcedure.js';
import {
  selectProcedurePage,
  selectProceduresByAppointments,
  selectProceduresByIds,
  selectProceduresForPatients,
  type ProcedureAfter,
  type ProcedureFilter,
} from './clinical.queries.js';

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
export function createClinicalService(deps: ReadDeps) {
  const db = deps.db.reporting;
  const clinics = visibleClinics(deps.principal);

  const prepare = (args: ProcedureListArgs) => {
    const size = pageSize(args.first, deps.paging);
    checkRange(args.from, args.to);
    if (args.clinicId != null) requireClinicVisible(deps.principal, args.clinicId);
    const filter: ProcedureFilter = {
      clinics,
      from: args.from ?? undefined,
      to: args.to ?? undefined,
      clinicId: args.clinicId ?? undefined,
      providerId: args.providerId ?? undefined,
      patientId: args.patientId ?? undefined,
      statuses: args.status?.length ? args.status.map(procedureStatusCode) : undefined,
      changedSince: args.changedSince ? isoToSqlDateTime(args.changedSince) : undefined,
    };
    const order = filter.changedSince ? 'proc.changed' : 'proc.date';
    let after: ProcedureAfter | undefined;
    if (args.after) {
      const [value, id] = decodeCursor(args.after, order, ['string', 'number'] as const);
      after = { value, id };
    }
    const cursorOf = (r: ProcedureRow) =>
      encodeCursor(order, [filter.changedSince ? r.DateTStamp : String(r.ProcDate).slice(0, 10), Number(r.ProcNum)]);
    return { size, filter, after, cursorOf };
  };

  return {
    async byIds(ids: readonly number[]): Promise<Procedure[]> {
      const wanted = distinctIds(ids);
      if (wanted.length === 0) return [];
      return (await deps.runner.read('loadProceduresByIds', selectProceduresByIds(db, wanted, clinics))).map(toProcedure);
    },
    /** Procedures attached to each appointment (Appointment.procedures), ordered by id. */
    async byAppointmentIds(appointmentIds: readonly number[]): Promise<Procedure[]> {
      const wanted = distinctIds(appointmentIds);
      if (wanted.length === 0) return [];
      return (await deps.runner.read('loadProceduresByAppointments', selectProceduresByAppointments(db, wanted, clinics))).map(toProcedure);
    },
    async list(args: ProcedureListArgs): Promise<Page<Procedure>> {
      const { size, filter, after, cursorOf } = prepare(args);
      const rows = await deps.runner.read(filter.changedSince ? 'syncProcedures' : 'listProcedures', selectProcedurePage(db, filter, after, size + 1));
      return buildPage(rows, size, Boolean(after), toProcedure, cursorOf);
    },
    /** One page per patient, all in one statement (Patient.procedures). */
    async pagesByPatients(patientIds: readonly number[], args: ProcedureListArgs): Promise<Map<number, Page<Procedure>>> {
      const { size, filter, after, cursorOf } = prepare({ ...args, patientId: null });
      const wanted = distinctIds(patientIds);
      const rows = wanted.length
        ? await deps.runner.read('loadProceduresByPatients', selectProceduresForPatients(db, wanted, filter, after, size + 1))
        : [];
      return groupPages(patientIds, rows, (r) => Number(r.PatNum), size, Boolean(after), toProcedure, cursorOf);
    },
  };
}

export type ClinicalService = ReturnType<typeof createClinicalService>;
