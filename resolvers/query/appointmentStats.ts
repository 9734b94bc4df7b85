import type { QueryResolvers } from '../__generated__/types.js';
import { toOptionalId } from '../ids.js';

export const appointmentStats: QueryResolvers['appointmentStats'] = (_, args, ctx) =>
  ctx.services.reports.appointmentStats({ ...args, clinicId: toOptionalId(args.clinicId, 'clinicId') });
