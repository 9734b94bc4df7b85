import type { QueryResolvers } from '../__generated__/types.js';
import { toOptionalId } from '../ids.js';

export const providers: QueryResolvers['providers'] = (_, args, ctx) =>
  ctx.services.practice.listProviders({ clinicId: toOptionalId(args.clinicId, 'clinicId'), includeHidden: args.includeHidden });
