import type { QueryResolvers } from '../__generated__/types.js';
import { toOptionalId } from '../ids.js';

export const patients: QueryResolvers['patients'] = (_, args, ctx) =>
  ctx.services.patients.list({ ...args, clinicId: toOptionalId(args.clinicId, 'clinicId') });
