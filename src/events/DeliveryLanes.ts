import type { ClaimedDelivery, DeliveryStore } from '../gateway/events/createDeliveryStore.js';
import type { EventStore } from '../gateway/events/createEventStore.js';
import type { DispatchEndpoint, StoredEvent } from '../gateway/events/types.js';
import type { AttemptDeps } from './attemptDelivery.js';
import type { CursorWindows } from './createCursorWindows.js';
import type { EntityReader } from './createEntityReader.js';

/** The dispatcher's lanes (createDeliveryLanes): what they offer and what they are built from. */

export interface DeliveryLanes {
  /** the active endpoints as the latest tick saw them: lanes attempt with these snapshots, and drop what waits for any other */
  observe(endpoints: readonly DispatchEndpoint[]): void;
  /** what an endpoint may still claim: its slots plus three rounds waiting, within the dispatcher's cap */
  room(endpoint: DispatchEndpoint): number;
  /** how many first attempts an endpoint's lane reads now (FRESH_DEPTH rounds) */
  freshRoom(endpoint: DispatchEndpoint): number;
  /** hands claimed deliveries to the endpoint's lane; they start as its slots free */
  enqueue(endpoint: DispatchEndpoint, claimed: readonly ClaimedDelivery[], events: ReadonlyMap<number, StoredEvent>): void;
  /** asks for a claim for this endpoint at the next settle */
  want(endpointId: number): void;
  /** writes the successes so far, moves the positions past settled first attempts and claims for the lanes that want more, now */
  settle(): Promise<void>;
  /** the first attempts of the endpoints this dispatcher holds */
  readonly windows: CursorWindows;
  /** runs `fn` between bookkeeping transactions (the tick's lease must not race a position being written) */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  readonly inFlight: number;
  /** attempts started so far */
  readonly launched: number;
  /** resolves when no attempt, read or bookkeeping is pending */
  settled(): Promise<void>;
  /** no new attempts or claims; waiting claims are dropped (their leases end); what is in flight finishes and is recorded */
  stop(): Promise<void>;
}

export interface LaneDeps {
  deliveries: DeliveryStore;
  events: EventStore;
  /** everything an attempt needs but how outcomes are recorded (the lanes batch those) */
  attempt: Omit<AttemptDeps, 'record'>;
  /** this dispatcher's name on the endpoint leases */
  owner: string;
  /** reads the held endpoints' new events again when a lane has room between ticks */
  topUp?: () => Promise<void>;
  readEntity?: EntityReader;
  clock: () => Date;
  options: { endpointConcurrency: number; maxInFlight: number; timeoutMs: number };
  log?: { warn(obj: unknown, msg?: string): void };
}
