import type { RequestContext } from '../../src/context.js';
import { isDomainError } from '../../src/lib/DomainError.js';
import { ErrorCode } from '../../src/lib/ErrorCode.js';
import { toId, toOptionalId } from '../ids.js';

export const webhookEndpoints = (_: unknown, args: { clientId?: string | null }, ctx: RequestContext) =>
  ctx.services.webhooks.list(toOptionalId(args.clientId, 'clientId') ?? undefined);

/** Query.webhookEndpoint: null when there is no such endpoint. */
export async function webhookEndpoint(_: unknown, args: { id: string }, ctx: RequestContext) {
  try {
    return await ctx.services.webhooks.get(toId(args.id, 'id'));
  } catch (e) {
    if (isDomainError(e) && e.code === ErrorCode.NOT_FOUND) return null;
    throw e;
  }
}

export const undeliveredWebhooks = (
  _: unknown,
  args: { endpointId?: string | null; clientId?: string | null; first?: number | null; after?: string | null },
  ctx: RequestContext,
) =>
  ctx.services.webhooks.undelivered(
    {
      endpointId: toOptionalId(args.endpointId, 'endpointId') ?? undefined,
      clientId: toOptionalId(args.clientId, 'clientId') ?? undefined,
    },
    args.first ?? 50,
    args.after,
  );
