import type { PaySplitResolvers } from '../__generated__/types.js';

export const PaySplit: PaySplitResolvers = {
  patient: (s, _, ctx) => ctx.loaders.patient.load(s.patientId),
  provider: (s, _, ctx) => (s.providerId ? ctx.loaders.provider.load(s.providerId) : null),
  procedure: (s, _, ctx) => (s.procedureId ? ctx.loaders.procedure.load(s.procedureId) : null),
  clinic: (s, _, ctx) => (s.clinicId ? ctx.loaders.clinic.load(s.clinicId) : null),
};
