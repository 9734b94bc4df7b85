import type { ProductionRowResolvers } from '../__generated__/types.js';

export const ProductionRow: ProductionRowResolvers = {
  provider: (r, _, ctx) => (r.providerId ? ctx.loaders.provider.load(r.providerId) : null),
  clinic: (r, _, ctx) => (r.clinicId ? ctx.loaders.clinic.load(r.clinicId) : null),
};
