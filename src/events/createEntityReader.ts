import type { Principal } from '../auth/Principal.js';
import { eventTypeInfo } from '../gateway/events/eventTypes.js';
import type { StoredEvent } from '../gateway/events/types.js';
import type { Services } from '../services/createServices.js';

/** The changed entity as the subscriber may read it now, or null when it may not (or it is gone). */
export type EntityReader = (subscriber: Principal, event: StoredEvent) => Promise<unknown>;

type ReadServices = Pick<Services, 'patients' | 'schedule' | 'clinical' | 'billing'>;

/**
 * Full payloads read the entity through the domain read services with the subscriber's own
 * principal, so its scopes and clinic limits decide what it gets, exactly as over GraphQL.
 */
export function createEntityReader(servicesAs: (subscriber: Principal) => ReadServices): EntityReader {
  return async (subscriber, event) => {
    const info = eventTypeInfo(event.type);
    if (!info || !subscriber.scopes.has(info.scope)) return null;
    const s = servicesAs(subscriber);
    const ids = [event.entityId];
    const found = await {
      Patient: () => s.patients.byIds(ids),
      Appointment: () => s.schedule.byIds(ids),
      Procedure: () => s.clinical.byIds(ids),
      Payment: () => s.billing.byIds(ids),
      WebhookEndpoint: async () => [],
    }[info.entity]();
    return found[0] ?? null;
  };
}
