import { eventTypeInfo } from '../../gateway/events/eventTypes.js';
import type { StoredEvent } from '../../gateway/events/types.js';
import type { Edge, Page } from '../types.js';

/** One event of the change feed (GraphQL `Event`). */
export interface FeedEvent {
  id: number;
  type: string;
  /** the GraphQL type the entity id belongs to: Patient, Appointment, Procedure, Payment, WebhookEndpoint */
  entityType: string;
  entityId: number;
  /** null = no clinic */
  clinicId: number | null;
  changedBy: { userId: number; clientId: number };
  /** ISO 8601 UTC */
  occurredAt: string;
}

/** Aliases for codegen's mappers. */
export type FeedEventPage = Page<FeedEvent>;
export type FeedEventEdge = Edge<FeedEvent>;

export const toFeedEvent = (e: StoredEvent): FeedEvent => ({
  id: e.id,
  type: e.type,
  entityType: eventTypeInfo(e.type)?.entity ?? 'Unknown',
  entityId: e.entityId,
  clinicId: e.clinicNum > 0 ? e.clinicNum : null,
  changedBy: { userId: e.userNum, clientId: e.programNum },
  occurredAt: e.occurredAt,
});
