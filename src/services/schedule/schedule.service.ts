import type { AppointmentRow } from '../../db/tables.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { isoToSqlDateTime } from '../../lib/dates.js';
import { notFound } from '../../lib/DomainError.js';
import type { ReadDeps } from '../ReadDeps.js';
import { groupPages } from '../groupPages.js';
import { buildPage, checkRange, pageSize } from '../paging.js';
import type { Appointment, AppointmentStatus, Page } from '../types.js';
import { distinctIds, requireClinicVisible, visibleClinics } from '../visibility.js';
import { APPOINTMENT_STATUS_CODES, toAppointment } from './mapAppointment.js';
import {
  selectAppointmentPage,
  selectAppointmentsByIds,
  selectAppointmentsForPatients,
  type AppointmentAfter,
  type AppointmentFilter,
} from './schedule.queries.js';

/** Filters of `appointments(...)` and `Patient.appointments(...)`; times are ISO 8601 with offset. */
export interface AppointmentListArgs {
  from?: string | null;
  to?: string | null;
  clinicId?: number | null;
  providerId?: number | null;
  operatoryId?: number | null;
  patientId?: number | null;
  status?: readonly AppointmentStatus[] | null;
  changedSince?: string | null;
  first?: number | null;
  after?: string | null;
}

/** Appointment reads. An appointment is visible when its own clinic is. */
export function createScheduleService(deps: ReadDeps) {
  const db = deps.db.reporting;
  const clinics = visibleClinics(deps.principal);

  const prepare = (args: AppointmentListArgs) => {
    const size = pageSize(args.first, deps.paging);
    const from = args.from ? isoToSqlDateTime(args.from) : undefined;
    const to = args.to ? isoToSqlDateTime(args.to) : undefined;
    checkRange(from, to);
    if (args.clinicId != null) requireClinicVisible(deps.principal, args.clinicId);
    const filter: AppointmentFilter = {
      clinics,
      from,
      to,
      clinicId: args.clinicId ?? undefined,
      providerId: args.providerId ?? undefined,
      operatoryId: args.operatoryId ?? undefined,
      patientId: args.patientId ?? undefined,
      statuses: args.status?.length ? args.status.map((s) => APPOINTMENT_STATUS_CODES[s]) : undefined,
      changedSince: args.changedSince ? isoToSqlDateTime(args.changedSince) : undefined,
    };
    const order = filter.changedSince ? 'apt.changed' : 'apt.time';
    let after: AppointmentAfter | undefined;
    if (args.after) {
      const [value, id] = decodeCursor(args.after, order, ['string', 'number'] as const);
      after = { value, id };
    }
    const cursorOf = (r: AppointmentRow) =>
      encodeCursor(order, [filter.changedSince ? r.DateTStamp : r.AptDateTime, Number(r.AptNum)]);
    return { size, filter, after, cursorOf };
  };

  const byIds = async (ids: readonly number[]): Promise<Appointment[]> => {
    const wanted = distinctIds(ids);
    if (wanted.length === 0) return [];
    return (await deps.runner.read('loadAppointmentsByIds', selectAppointmentsByIds(db, wanted, clinics))).map(toAppointment);
  };

  return {
    byIds,
    async get(id: number): Promise<Appointment> {
      const [appointment] = await byIds([id]);
      if (!appointment) throw notFound('Appointment', id);
      return appointment;
    },
    async list(args: AppointmentListArgs): Promise<Page<Appointment>> {
      const { size, filter, after, cursorOf } = prepare(args);
      const rows = await deps.runner.read(filter.changedSince ? 'syncAppointments' : 'listAppointments', selectAppointmentPage(db, filter, after, size + 1));
      return buildPage(rows, size, Boolean(after), toAppointment, cursorOf);
    },
    /** One page per patient, all in one statement (Patient.appointments). */
    async pagesByPatients(patientIds: readonly number[], args: AppointmentListArgs): Promise<Map<number, Page<Appointment>>> {
      const { size, filter, after, cursorOf } = prepare({ ...args, patientId: null });
      const wanted = distinctIds(patientIds);
      const rows = wanted.length
        ? await deps.runner.read('loadAppointmentsByPatients', selectAppointmentsForPatients(db, wanted, filter, after, size + 1))
        : [];
      return groupPages(patientIds, rows, (r) => Number(r.PatNum), size, Boolean(after), toAppointment, cursorOf);
    },
  };
}

export type ScheduleService = ReturnType<typeof createScheduleService>;
