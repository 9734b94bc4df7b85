import type { Principal } from '../auth/Principal.js';
import type { StoredEvent, Subscriber } from '../gateway/events/types.js';

/** The principal a subscriber's full payloads are read as: its own scopes, clinics and service user. */
export const subscriberPrincipal = (s: Subscriber): Principal => ({
  clientId: s.id,
  clientName: s.name,
  keyId: 0,
  scopes: s.scopes,
  clinicIds: s.clinicIds,
  actingUser: s.serviceUser,
});

/** The JSON body of one delivery: the thin event, plus `data.object` for full-payload subscriptions. */
export function buildEventBody(event: StoredEvent, object?: unknown): string {
  if (object === undefined) return JSON.stringify(event.payload);
  return JSON.stringify({ ...event.payload, data: { ...event.payload.data, object } });
}
