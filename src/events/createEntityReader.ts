import type { Principal } from '../auth/Principal.js';
import { eventTypeInfo } from '../gateway/events/eventTypes.js';
import type { StoredEvent } from '../gateway/events/types.js';
import type { Services } from '../services/createServices.js';

/** The changed entities as the subscriber may read them now, by event id; null when it may not (or the entity is gone). */
export type EntityReader = (subscriber: Principal, events: readonly StoredEvent[]) => Promise<Map<number, unknown>>;

type ReadServices = Pick<Services, 'patients' | 'schedule' | 'clinical' | 'billing'>;

/**
 * Full payloads read the entity through the domain read services with the subscriber's own
 * principal, so its scopes and clinic limits decide what it gets, exactly as over GraphQL.
 */
export function createEntityReader(servicesAs: (subscriber: Principal) => ReadServices): EntityReader {
  return async (subscriber, events) => {
    const s = servicesAs(subscriber);
    const read = {
      Patient: (ids: number[]) => s.patients.byIds(ids),
      Appointment: (ids: number[]) => s.schedule.byIds(ids),
      Procedure: (ids: number[]) => s.clinical.byIds(ids),
      Payment: (ids: number[]) => s.billing.byIds(ids),
      WebhookEndpoint: async () => [] as { id: number }[],
    };
    // one statement per entity type for the whole batch
    const byEntity = new Map<keyof typeof read, StoredEvent[]>();
    for (const e of events) {
      const info = eventTypeInfo(e.type);
      if (info && subscriber.scopes.has(info.scope)) byEntity.set(info.entity, [...(byEntity.get(info.entity) ?? []), e]);
    }
    const out = new Map<number, unknown>(events.map((e) => [e.id, null]));
    for (const [entity, list] of byEntity) {
      const found = new Map((await read[entity](list.map((e) => e.entityId))).map((row) => [row.id, row]));
      for (const e of list) out.set(e.id, found.get(e.entityId) ?? null);
    }
    return out;
  };
}
