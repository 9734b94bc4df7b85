import type { PaymentResolvers } from '../__generated__/types.js';

export const Payment: PaymentResolvers = {
  patient: (p, _, ctx) => ctx.loaders.patient.load(p.patientId),
  clinic: (p, _, ctx) => (p.clinicId ? ctx.loaders.clinic.load(p.clinicId) : null),
  splits: (p, _, ctx) => ctx.loaders.splitsByPayment.load(p.id),
};
