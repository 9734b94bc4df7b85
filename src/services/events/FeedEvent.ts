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
