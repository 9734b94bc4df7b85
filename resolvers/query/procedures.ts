import type { QueryResolvers } from '../__generated__/types.js';
import { toOptionalId } from '../ids.js';

export const procedures: QueryResolvers['procedures'] = (_, args, ctx) =>
  ctx.services.clinical.list({
    ...args,
    clinicId: toOptionalId(args.clinicId, 'clinicId'),
    providerId: toOptionalId(args.providerId, 'providerId'),
    patientId: toOptionalId(args.patientId, 'patientId'),
  });
