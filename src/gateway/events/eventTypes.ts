/** The events chartgate writes to its outbox, and the scope a client needs to receive each. */

/** The types domain writes append (operational types are the dispatcher's). */
export type DomainEventType =
  | 'patient.created'
  | 'patient.updated'
  | 'appointment.booked'
  | 'appointment.rescheduled'
  | 'appointment.cancelled'
  | 'appointment.confirmed'
  | 'procedure.added'
  | 'procedure.completed'
  | 'payment.recorded';

export type EventType = DomainEventType | 'webhook.endpoint.disabled';

export interface EventTypeInfo {
  readonly type: EventType;
  /** the read scope that lets a client see the entity */
  readonly scope: string;
  /** the GraphQL type the entity id belongs to */
  readonly entity: 'Patient' | 'Appointment' | 'Procedure' | 'Payment' | 'WebhookEndpoint';
}

const info = (type: EventType, scope: string, entity: EventTypeInfo['entity']): EventTypeInfo => Object.freeze({ type, scope, entity });

/** Every type, in the order docs/events.md lists them. */
export const EVENT_TYPES: readonly EventTypeInfo[] = Object.freeze([
  info('patient.created', 'patients:read', 'Patient'),
  info('patient.updated', 'patients:read', 'Patient'),
  info('appointment.booked', 'schedule:read', 'Appointment'),
  info('appointment.rescheduled', 'schedule:read', 'Appointment'),
  info('appointment.cancelled', 'schedule:read', 'Appointment'),
  info('appointment.confirmed', 'schedule:read', 'Appointment'),
  info('procedure.added', 'clinical:read', 'Procedure'),
  info('procedure.completed', 'clinical:read', 'Procedure'),
  info('payment.recorded', 'billing:read', 'Payment'),
  // operational: written by the dispatcher, for admin clients
  info('webhook.endpoint.disabled', 'admin', 'WebhookEndpoint'),
]);

const BY_TYPE: ReadonlyMap<string, EventTypeInfo> = new Map(EVENT_TYPES.map((t) => [t.type, t]));

export const eventTypeInfo = (type: string): EventTypeInfo | undefined => BY_TYPE.get(type);

/** Who may see an event: a client's scopes and clinics (null = every clinic). */
export interface EventAudience {
  readonly scopes: ReadonlySet<string>;
  readonly clinicIds: ReadonlySet<number> | null;
}

/**
 * The scope and clinic rule of every event a client sees, by webhook or by the feed: its type's
 * scope, and for a clinic-limited client, one of its clinics (an event with no clinic is like a
 * row with no clinic: invisible to clinic-limited clients). Operational events have no clinic.
 */
export function eventVisibleTo(event: { type: string; clinicNum: number }, audience: EventAudience): boolean {
  const known = BY_TYPE.get(event.type);
  if (!known || !audience.scopes.has(known.scope)) return false;
  if (known.scope === 'admin' || audience.clinicIds === null) return true;
  return audience.clinicIds.has(event.clinicNum);
}

/** The types a client's scopes allow. */
export const typesAllowed = (scopes: ReadonlySet<string>): string[] => EVENT_TYPES.filter((t) => scopes.has(t.scope)).map((t) => t.type);
