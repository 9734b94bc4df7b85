import type { ConnectionSpec } from '../createConnectionReader.js';
import type { Appointment } from '../types.js';
import { KNOWN_APPOINTMENT_CODES, toAppointment } from './mapAppointment.js';

/** Appointment filters; times are UTC 'YYYY-MM-DD HH:MM:SS', `to` exclusive. */
export interface AppointmentFilter {
  from?: string;
  to?: string;
  clinicId?: number;
  providerId?: number;
  operatoryId?: number;
  patientId?: number;
  statuses?: number[];
  changedSince?: string;
}

/** Appointments as a connection: by (AptDateTime, AptNum), or (DateTStamp, AptNum) when syncing. */
export const appointmentConnection: ConnectionSpec<'appointment', AppointmentFilter, Appointment> = {
  from: (db) => db.selectFrom('appointment').selectAll(),
  id: 'AptNum',
  parent: 'PatNum',
  clinic: 'ClinicNum',
  sortColumn: 'AptDateTime',
  orders: { natural: 'apt.time', sync: 'apt.changed' },
  where(q, f) {
    q = q.where('AptStatus', 'in', f.statuses ?? KNOWN_APPOINTMENT_CODES);
    if (f.clinicId !== undefined) q = q.where('ClinicNum', '=', f.clinicId);
    if (f.providerId !== undefined) {
      const p = f.providerId;
      q = q.where((eb) => eb.or([eb('ProvNum', '=', p), eb('ProvHyg', '=', p)]));
    }
    if (f.operatoryId !== undefined) q = q.where('Op', '=', f.operatoryId);
    if (f.patientId !== undefined) q = q.where('PatNum', '=', f.patientId);
    if (f.from !== undefined) q = q.where('AptDateTime', '>=', f.from);
    if (f.to !== undefined) q = q.where('AptDateTime', '<', f.to);
    if (f.changedSince !== undefined) q = q.where('DateTStamp', '>=', f.changedSince);
    return q;
  },
  toNode: toAppointment,
  purposes: { byIds: 'loadAppointmentsByIds', list: 'listAppointments', sync: 'syncAppointments', byParents: 'loadAppointmentsByPatients' },
};
