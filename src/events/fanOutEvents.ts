import type { ClaimedDelivery, DeliveryStore, FanOutPlan } from '../gateway/events/createDeliveryStore.js';
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
  /** how many new deliveries of an endpoint to claim at once (what its slots and queue take) */
  claimLimit: (endpoint: DispatchEndpoint) => number;
  leaseUntil: string;
  /** hands the deliveries claimed as they were created to the endpoint's queue */
  start: (endpoint: DispatchEndpoint, claimed: readonly ClaimedDelivery[], events: ReadonlyMap<number, StoredEvent>) => void;
}

/** An endpoint receives an event when it subscribed to its type and its client may see it (scope and clinic). */
const wants = (endpoint: DispatchEndpoint, event: StoredEvent): boolean => endpoint.eventTypes.includes(event.type) && eventVisibleTo(event, endpoint.client);

/**
 * Creates the deliveries of events newer than each endpoint's fan-out position, up to `maxId`,
 * one transaction per batch of events for every endpoint at once, claiming what each endpoint
 * can take right away. Endpoints at the same position (the usual case) share each read; an
 * endpoint another dispatcher holds or has moved is left to it; a suspended client's endpoint
 * gets its deliveries but claims none. Returns the deliveries created.
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
      const byId = new Map(events.map((e) => [e.id, e]));
      const to = events.length < deps.batch ? maxId : events.at(-1)!.id;
      const plans: FanOutPlan[] = open.map((endpoint) => ({
        endpointId: endpoint.id,
        fromEventId: position,
        toEventId: to,
        eventIds: events.filter((ev) => wants(endpoint, ev)).map((ev) => ev.id),
        claimLimit: endpoint.client.status === 'active' ? deps.claimLimit(endpoint) : 0,
      }));
      const done = await deps.deliveries.fanOut(plans, now, deps.leaseUntil);
      open = open.filter((endpoint) => done.has(endpoint.id));
      for (const endpoint of open) {
        created += plans.find((p) => p.endpointId === endpoint.id)!.eventIds.length;
        const claimed = done.get(endpoint.id)!;
        if (claimed.length > 0) deps.start(endpoint, claimed, byId);
      }
      position = to;
    }
  }
  return created;
}
