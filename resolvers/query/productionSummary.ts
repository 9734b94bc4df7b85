import type { QueryResolvers } from '../__generated__/types.js';
import { toOptionalId } from '../ids.js';

export const productionSummary: QueryResolvers['productionSummary'] = (_, args, ctx) =>
  ctx.services.reports.productionSummary({ ...args, clinicId: toOptionalId(args.clinicId, 'clinicId') });
