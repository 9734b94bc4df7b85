import type { RequestContext } from '../../src/context.js';
import { toId, toOptionalId } from '../ids.js';

export async function createWebhookEndpoint(
  _: unknown,
  { input }: { input: { clientId: string; url: string; eventTypes: string[]; fullPayload?: boolean | null } },
  ctx: RequestContext,
) {
  return ctx.services.webhooks.create({
    clientId: toId(input.clientId, 'input.clientId'),
    url: input.url,
    eventTypes: input.eventTypes,
    fullPayload: input.fullPayload,
  });
}

export async function updateWebhookEndpoint(
  _: unknown,
  { input }: { input: { id: string; url?: string | null; eventTypes?: string[] | null; fullPayload?: boolean | null; enabled?: boolean | null } },
  ctx: RequestContext,
) {
  return { endpoint: await ctx.services.webhooks.update({ ...input, id: toId(input.id, 'input.id') }) };
}

export const deleteWebhookEndpoint = (_: unknown, { input }: { input: { id: string } }, ctx: RequestContext) =>
  ctx.services.webhooks.remove(toId(input.id, 'input.id'));

export const rotateWebhookSecret = (_: unknown, { input }: { input: { id: string; graceSeconds?: number | null } }, ctx: RequestContext) =>
  ctx.services.webhooks.rotateSecret(toId(input.id, 'input.id'), input.graceSeconds);

export const replayWebhookEvents = (
  _: unknown,
  { input }: { input: { endpointId: string; eventId?: string | null; since?: string | null } },
  ctx: RequestContext,
) =>
  ctx.services.webhooks.replay({
    endpointId: toId(input.endpointId, 'input.endpointId'),
    eventId: toOptionalId(input.eventId, 'input.eventId'),
    since: input.since,
  });
