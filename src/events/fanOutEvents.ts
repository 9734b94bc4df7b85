import type { DeliveryStore } from '../gateway/events/createDeliveryStore.js';
import type { EventStore } from '../gateway/events/createEventStore.js';
import { eventVisibleTo } from '../gateway/events/eventTypes.js';
import type { DispatchEndpoint, StoredEvent } from '../gateway/events/types.js';

export interface FanOutDeps {
  events: EventStore;
  deliveries: DeliveryStore;
  /** events read per statement */
  batch: number;
  /** batches per call, so one tick stays short behind a large backlog */
  maxBatches: number;
}

/** An endpoint receives an event when it subscribed to its type and its client may see it (scope and clinic). */
export const wants = (endpoint: DispatchEndpoint, event: StoredEvent): boolean =>
  endpoint.eventTypes.includes(event.type) && eventVisibleTo(event, endpoint.client);

/**
 * Creates the deliveries of events newer than each endpoint's fan-out position, up to `maxId`.
 * Endpoints at the same position (the usual case) share each read; an endpoint whose position
 * another dispatcher holds or moved is left to it. Returns the deliveries created.
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
      const still: DispatchEndpoint[] = [];
      for (const endpoint of open) {
        const ids = events.filter((ev) => wants(endpoint, ev)).map((ev) => ev.id);
        if (await deps.deliveries.fanOut(endpoint.id, position, to, ids, now)) {
          created += ids.length;
          still.push(endpoint);
        }
      }
      open = still;
      position = to;
    }
  }
  return created;
}
