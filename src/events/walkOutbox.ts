import type { EventStore } from '../gateway/events/createEventStore.js';
import type { StoredEvent } from '../gateway/events/types.js';

export interface WalkOptions {
  events: EventStore;
  /** events read per statement */
  batch: number;
  /** batches per call, so one tick stays short behind a large backlog */
  maxBatches: number;
}

/**
 * Reads the outbox from each group's position up to `maxId`, a batch at a time, one statement per
 * batch for all of the group's members (endpoints at one position, the usual case, share each
 * read). `step` handles a batch of events in (from, to] and returns the members that read on.
 */
export async function walkOutbox<M>(
  o: WalkOptions,
  groups: ReadonlyMap<number, M[]>,
  maxId: number,
  step: (events: readonly StoredEvent[], from: number, to: number, members: M[]) => Promise<M[]> | M[],
): Promise<void> {
  for (const [start, members] of groups) {
    let position = start;
    let open = members;
    for (let batch = 0; batch < o.maxBatches && open.length > 0 && position < maxId; batch++) {
      const events = await o.events.range(position, maxId, o.batch);
      const to = events.length < o.batch ? maxId : events.at(-1)!.id;
      open = await step(events, position, to, open);
      position = to;
    }
  }
}
