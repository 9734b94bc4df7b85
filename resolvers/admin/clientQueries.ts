import { isDomainError } from '../../src/lib/DomainError.js';
import { ErrorCode } from '../../src/lib/ErrorCode.js';
import { toId as parseId } from '../ids.js';
import type { AdminContext } from './adminContext.js';

export const clients = (_: unknown, args: { includeDeleted?: boolean | null }, ctx: AdminContext) =>
  ctx.services.clients.list({ includeDeleted: args.includeDeleted ?? false });

/** Query.client: null when there is no such client. */
export async function client(_: unknown, args: { id: string }, ctx: AdminContext) {
  try {
    return await ctx.services.clients.get(parseId(args.id, 'id'));
  } catch (e) {
    if (isDomainError(e) && e.code === ErrorCode.NOT_FOUND) return null;
    throw e;
  }
}

export const apiStatus = (_: unknown, __: unknown, ctx: AdminContext) => ctx.services.clients.apiStatus();
