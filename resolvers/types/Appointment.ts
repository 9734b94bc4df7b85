import type { AppointmentResolvers } from '../__generated__/types.js';

export const Appointment: AppointmentResolvers = {
  patient: (a, _, ctx) => ctx.loaders.patient.load(a.patientId),
  provider: (a, _, ctx) => (a.providerId ? ctx.loaders.provider.load(a.providerId) : null),
  hygienist: (a, _, ctx) => (a.hygienistId ? ctx.loaders.provider.load(a.hygienistId) : null),
  operatory: (a, _, ctx) => (a.operatoryId ? ctx.loaders.operatory.load(a.operatoryId) : null),
  clinic: (a, _, ctx) => (a.clinicId ? ctx.loaders.clinic.load(a.clinicId) : null),
  procedures: (a, _, ctx) => ctx.loaders.proceduresByAppointment.load(a.id),
};
