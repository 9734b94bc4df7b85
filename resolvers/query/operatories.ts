import type { QueryResolvers } from '../__generated__/types.js';
import { toOptionalId } from '../ids.js';

export const operatories: QueryResolvers['operatories'] = (_, args, ctx) =>
  ctx.services.practice.listOperatories({ clinicId: toOptionalId(args.clinicId, 'clinicId'), includeHidden: args.includeHidden });
