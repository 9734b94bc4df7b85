import type { AppointmentRow } from '../../db/tables.js';
import { sqlDateTimeToIso } from '../../lib/dates.js';
import { ref } from '../practice/mapPractice.js';
import type { Appointment, AppointmentStatus } from '../types.js';

/** AptStatus codes the API exposes (Open Dental's note-only kinds are never listed). */
export const APPOINTMENT_STATUS_CODES: Readonly<Record<AppointmentStatus, number>> = Object.freeze({
  SCHEDULED: 1,
  COMPLETE: 2,
  UNSCHEDULED: 3,
  BROKEN: 5,
  PLANNED: 6,
});
export const KNOWN_APPOINTMENT_CODES = Object.values(APPOINTMENT_STATUS_CODES);
const BY_CODE = new Map(Object.entries(APPOINTMENT_STATUS_CODES).map(([k, v]) => [v, k as AppointmentStatus]));

export const appointmentStatusOf = (code: number): AppointmentStatus => BY_CODE.get(Number(code)) ?? 'SCHEDULED';

export const toAppointment = (r: AppointmentRow): Appointment => ({
  id: Number(r.AptNum),
  patientId: Number(r.PatNum),
  scheduledAt: sqlDateTimeToIso(r.AptDateTime),
  status: appointmentStatusOf(r.AptStatus),
  pattern: r.Pattern,
  lengthMinutes: r.Pattern.length * 5,
  confirmed: Number(r.Confirmed) === 1,
  isHygiene: Number(r.IsHygiene) === 1,
  note: r.Note,
  providerId: ref(r.ProvNum),
  hygienistId: ref(r.ProvHyg),
  operatoryId: ref(r.Op),
  clinicId: ref(r.ClinicNum),
  createdAt: sqlDateTimeToIso(r.SecDateTEntry),
  updatedAt: sqlDateTimeToIso(r.DateTStamp),
  version: Number(r.RowVersion),
});
