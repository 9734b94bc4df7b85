import type { QueryResolvers } from '../__generated__/types.js';
import { toId } from '../ids.js';

/** NOT_FOUND (from the service) when unknown or not visible. */
export const patient: QueryResolvers['patient'] = (_, args, ctx) => ctx.services.patients.get(toId(args.id, 'id'));
