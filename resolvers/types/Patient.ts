import type { PatientResolvers } from '../__generated__/types.js';

export const Patient: PatientResolvers = {
  clinic: (p, _, ctx) => (p.clinicId ? ctx.loaders.clinic.load(p.clinicId) : null),
  primaryProvider: (p, _, ctx) => (p.primaryProviderId ? ctx.loaders.provider.load(p.primaryProviderId) : null),
  secondaryProvider: (p, _, ctx) => (p.secondaryProviderId ? ctx.loaders.provider.load(p.secondaryProviderId) : null),
  guarantor: (p, _, ctx) => (p.guarantorId ? ctx.loaders.patient.load(p.guarantorId) : null),
  family: (p, _, ctx) => ctx.loaders.familyByGuarantor.load(p.guarantorId ?? p.id),
  appointments: (p, args, ctx) => ctx.loaders.appointmentsByPatient.load({ parentId: p.id, args: { ...args } }),
  procedures: (p, args, ctx) => ctx.loaders.proceduresByPatient.load({ parentId: p.id, args: { ...args } }),
  payments: (p, args, ctx) => ctx.loaders.paymentsByPatient.load({ parentId: p.id, args: { ...args } }),
};
