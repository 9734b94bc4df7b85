import type { ClaimedDelivery } from '../gateway/events/createDeliveryStore.js';
import { eventVisibleTo } from '../gateway/events/eventTypes.js';
import type { DispatchEndpoint, StoredEvent } from '../gateway/events/types.js';
import type { CursorWindows } from './createCursorWindows.js';
import { walkOutbox, type WalkOptions } from './walkOutbox.js';

export interface ReadNewDeps extends WalkOptions {
  windows: CursorWindows;
  /** how many first attempts the endpoint's lane takes now */
  room: (endpoint: DispatchEndpoint) => number;
  /** hands first attempts to the endpoint's lane */
  start: (endpoint: DispatchEndpoint, claimed: readonly ClaimedDelivery[], events: ReadonlyMap<number, StoredEvent>) => void;
}

/** An endpoint receives an event when it subscribed to its type and its client may see it (scope and clinic). */
export const wants = (endpoint: DispatchEndpoint, event: StoredEvent): boolean =>
  endpoint.eventTypes.includes(event.type) && eventVisibleTo(event, endpoint.client);

/**
 * Reads the new events of the endpoints this dispatcher holds, from where each window has read
 * up to `maxId` (walkOutbox), and starts their first attempts as far as each lane has room.
 * Returns the attempts started.
 */
export async function readNewEvents(deps: ReadNewDeps, endpoints: readonly DispatchEndpoint[], maxId: number): Promise<number> {
  const groups = new Map<number, { endpoint: DispatchEndpoint; room: number }[]>();
  for (const endpoint of endpoints) {
    const from = deps.windows.readFrom(endpoint.id);
    const room = deps.room(endpoint);
    if (from < maxId && room > 0) groups.set(from, [...(groups.get(from) ?? []), { endpoint, room }]);
  }
  let started = 0;
  await walkOutbox(deps, groups, maxId, (events, _from, end, open) => {
    const byId = new Map(events.map((e) => [e.id, e]));
    const still: typeof open = [];
    for (const m of open) {
      const wanted = events.filter((e) => wants(m.endpoint, e));
      const taken = wanted.slice(0, m.room);
      // out of room: read as far as the last event taken (everything before it is taken or not wanted)
      const to = taken.length < wanted.length ? taken.at(-1)!.id : end;
      deps.windows.add(
        m.endpoint.id,
        taken.map((e) => e.id),
        to,
      );
      if (taken.length > 0) {
        deps.start(
          m.endpoint,
          taken.map((e) => ({ id: 0, eventId: e.id, attempt: 1, fresh: true })),
          byId,
        );
      }
      started += taken.length;
      m.room -= taken.length;
      if (to === end && m.room > 0) still.push(m);
    }
    return still;
  });
  return started;
}
