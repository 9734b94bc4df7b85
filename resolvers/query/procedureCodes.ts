import type { QueryResolvers } from '../__generated__/types.js';

export const procedureCodes: QueryResolvers['procedureCodes'] = (_, args, ctx) => ctx.services.practice.listProcedureCodes(args);
