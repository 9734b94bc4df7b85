import type { QueryResolvers } from '../__generated__/types.js';
import { toId } from '../ids.js';

/** NOT_FOUND (from the service) when unknown or not visible. */
export const payment: QueryResolvers['payment'] = (_, args, ctx) => ctx.services.billing.get(toId(args.id, 'id'));
