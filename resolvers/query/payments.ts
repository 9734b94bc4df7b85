import type { QueryResolvers } from '../__generated__/types.js';
import { toOptionalId } from '../ids.js';

export const payments: QueryResolvers['payments'] = (_, args, ctx) =>
  ctx.services.billing.list({
    ...args,
    clinicId: toOptionalId(args.clinicId, 'clinicId'),
    patientId: toOptionalId(args.patientId, 'patientId'),
  });
