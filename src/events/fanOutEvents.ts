import type { DeliveryStore, FanOutPlan } from '../gateway/events/createDeliveryStore.js';
import type { DispatchEndpoint } from '../gateway/events/types.js';
import { wants } from './readNewEvents.js';
import { walkOutbox, type WalkOptions } from './walkOutbox.js';

export interface FanOutDeps extends WalkOptions {
  deliveries: DeliveryStore;
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
  await walkOutbox(deps, groups, maxId, async (events, from, to, open) => {
    const plans: FanOutPlan[] = open.map((endpoint) => ({
      endpointId: endpoint.id,
      fromEventId: from,
      toEventId: to,
      eventIds: events.filter((ev) => wants(endpoint, ev)).map((ev) => ev.id),
    }));
    const done = await deps.deliveries.fanOut(plans, now);
    const mine = open.filter((endpoint) => done.has(endpoint.id));
    for (const endpoint of mine) created += plans.find((p) => p.endpointId === endpoint.id)!.eventIds.length;
    return mine;
  });
  return created;
}
