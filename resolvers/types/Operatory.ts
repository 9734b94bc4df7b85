import type { OperatoryResolvers } from '../__generated__/types.js';

export const Operatory: OperatoryResolvers = {
  clinic: (o, _, ctx) => (o.clinicId ? ctx.loaders.clinic.load(o.clinicId) : null),
  dentist: (o, _, ctx) => (o.dentistId ? ctx.loaders.provider.load(o.dentistId) : null),
  hygienist: (o, _, ctx) => (o.hygienistId ? ctx.loaders.provider.load(o.hygienistId) : null),
};
