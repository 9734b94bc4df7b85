import type { QueryResolvers } from '../__generated__/types.js';
import { toOptionalId } from '../ids.js';

export const appointments: QueryResolvers['appointments'] = (_, args, ctx) =>
  ctx.services.schedule.list({
    ...args,
    clinicId: toOptionalId(args.clinicId, 'clinicId'),
    providerId: toOptionalId(args.providerId, 'providerId'),
    operatoryId: toOptionalId(args.operatoryId, 'operatoryId'),
    patientId: toOptionalId(args.patientId, 'patientId'),
  });
