import type { DeliveryStore, FanOutPlan } from '../gateway/events/createDeliveryStore.js';
import type { EventStore } from '../gateway/events/createEventStore.js';
import type { DispatchEndpoint } from '../gateway/events/types.js';
import { wants } from './readNewEvents.js';

export interface FanOutDeps {
  events: EventStore;
  deliveries: DeliveryStore;
  /** events read per statement */
  batch: number;
  /** batches per call, so one tick stays short behind a large backlog */
  maxBatches: number;
}

/**
 * The new events of suspended clients' endpoints become waiting deliveries (rows due at once,
 * listed as undelivered, claimed once the client is resumed), from each endpoint's position up to
 * `maxId`, one transaction per batch of events for every endpoint at once. Endpoints at the same
 * position share each read; one another dispatcher has moved is left to it. Returns the rows
 * created.
 */
export async function fanOutEvents(deps: FanOutDeps, endpoints: readonly DispatchEndpoint[], maxId: number, now: string): Promise<number> {
  const groups = new Map<number, DispatchEndpoint[]>();
  for (const e of endpoints) if (e.lastEventId < maxId) groups.set(e.lastEventId, [...(groups.get(e.lastEventId) ?? []), e]);
  let created = 0;
  for (const [start, members] of groups) {
    let position = start;
    let open = members;
    for (let batch = 0; batch < deps.maxBatches && open.length > 0 && position < maxId; batch++) {
      const events = await deps.events.range(position, maxId, deps.batch);
      const to = events.length < deps.batch ? maxId : events.at(-1)!.id;
      const plans: FanOutPlan[] = open.map((endpoint) => ({
        endpointId: endpoint.id,
        fromEventId: position,
        toEventId: to,
        eventIds: events.filter((ev) => wants(endpoint, ev)).map((ev) => ev.id),
      }));
      const done = await deps.deliveries.fanOut(plans, now);
      open = open.filter((endpoint) => done.has(endpoint.id));
      for (const endpoint of open) created += plans.find((p) => p.endpointId === endpoint.id)!.eventIds.length;
      position = to;
    }
  }
  return created;
}
