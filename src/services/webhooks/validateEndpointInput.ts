import type { EndpointPatch } from '../../gateway/events/types.js';
import { badInput } from '../../lib/DomainError.js';
import { requireEventTypes } from '../events/requireEventTypes.js';
import type { WebhookPolicy } from './WebhookPolicy.js';

export interface EndpointInput {
  clientId: number;
  url: string;
  eventTypes: readonly string[];
  /** the entity as the client may read it, beside the thin event; default false */
  fullPayload?: boolean | null;
}

export interface EndpointUpdate {
  id: number;
  url?: string | null;
  eventTypes?: readonly string[] | null;
  fullPayload?: boolean | null;
  /** true re-enables a disabled endpoint, false disables it */
  enabled?: boolean | null;
}

/** The subscribing client, as far as the checks need it. */
interface Owner {
  clientId: number;
  scopes: ReadonlySet<string>;
}

const MAX_TYPES = 50;

async function checkTypes(types: readonly string[], owner: Owner): Promise<string[]> {
  if (types.length === 0) throw badInput('input.eventTypes needs at least one event type', 'input.eventTypes');
  if (types.length > MAX_TYPES) throw badInput(`input.eventTypes takes at most ${MAX_TYPES} types`, 'input.eventTypes');
  return requireEventTypes(types, owner.scopes, 'input.eventTypes', `client ${owner.clientId}`);
}

/** A new endpoint's fields; BAD_USER_INPUT naming the field (the URL rule, unknown types, types the client's scopes do not allow). */
export async function validateNewEndpoint(input: EndpointInput, owner: Owner, policy: WebhookPolicy) {
  const url = input.url?.trim() ?? '';
  await policy.checkUrl(url, 'input.url');
  return { url, eventTypes: await checkTypes(input.eventTypes ?? [], owner), fullPayload: input.fullPayload === true };
}

/** An update's fields, the same rules for the ones given. */
export async function validateEndpointPatch(input: EndpointUpdate, owner: Owner, policy: WebhookPolicy): Promise<EndpointPatch> {
  const patch: EndpointPatch = {};
  if (input.url != null) {
    patch.url = input.url.trim();
    await policy.checkUrl(patch.url, 'input.url');
  }
  if (input.eventTypes != null) patch.eventTypes = await checkTypes(input.eventTypes, owner);
  if (input.fullPayload != null) patch.fullPayload = input.fullPayload;
  if (input.enabled != null) patch.status = input.enabled ? 'active' : 'disabled';
  return patch;
}
