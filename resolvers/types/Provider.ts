import type { ProviderResolvers } from '../__generated__/types.js';

export const Provider: ProviderResolvers = {
  clinic: (p, _, ctx) => (p.clinicId ? ctx.loaders.clinic.load(p.clinicId) : null),
};
