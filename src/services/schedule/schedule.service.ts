import { isoToSqlDateTime } from '../../lib/dates.js';
import { notFound } from '../../lib/DomainError.js';
import { createConnectionReader } from '../createConnectionReader.js';
import { checkRange } from '../paging.js';
import type { ServiceDeps } from '../ServiceDeps.js';
import type { Appointment, AppointmentStatus, Page } from '../types.js';
import { requireClinicVisible, visibleClinics } from '../visibility.js';
import { APPOINTMENT_STATUS_CODES } from './mapAppointment.js';
import { appointmentConnection, type AppointmentFilter } from './schedule.queries.js';

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
export function createScheduleService(deps: ServiceDeps) {
  const reader = createConnectionReader(appointmentConnection, {
    db: deps.db.reporting,
    runner: deps.runner,
    clinics: visibleClinics(deps.principal),
    paging: deps.paging,
  });

  const filterOf = (args: AppointmentListArgs): AppointmentFilter => {
    const from = args.from ? isoToSqlDateTime(args.from) : undefined;
    const to = args.to ? isoToSqlDateTime(args.to) : undefined;
    checkRange(from, to);
    if (args.clinicId != null) requireClinicVisible(deps.principal, args.clinicId);
    return {
      from,
      to,
      clinicId: args.clinicId ?? undefined,
      providerId: args.providerId ?? undefined,
      operatoryId: args.operatoryId ?? undefined,
      patientId: args.patientId ?? undefined,
      statuses: args.status?.length ? args.status.map((s) => APPOINTMENT_STATUS_CODES[s]) : undefined,
      changedSince: args.changedSince ? isoToSqlDateTime(args.changedSince) : undefined,
    };
  };

  return {
    byIds: (ids: readonly number[]): Promise<Appointment[]> => reader.byIds(ids),
    async get(id: number): Promise<Appointment> {
      const [appointment] = await reader.byIds([id]);
      if (!appointment) throw notFound('Appointment', id);
      return appointment;
    },
    list: (args: AppointmentListArgs): Promise<Page<Appointment>> => reader.page(filterOf(args), args),
    /** One page per patient, all in one statement (Patient.appointments). */
    pagesByPatients: (patientIds: readonly number[], args: AppointmentListArgs): Promise<Map<number, Page<Appointment>>> =>
      reader.pagesByParents(patientIds, filterOf({ ...args, patientId: null }), args),
  };
}

export type ScheduleService = ReturnType<typeof createScheduleService>;
