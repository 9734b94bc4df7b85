import type { QueryResolvers } from '../__generated__/types.js';

export const clinics: QueryResolvers['clinics'] = (_, args, ctx) => ctx.services.practice.listClinics({ includeHidden: args.includeHidden });
