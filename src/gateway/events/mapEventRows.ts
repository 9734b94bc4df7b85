import type { Selectable } from 'kysely';
import type { GwDeliveryTable, GwOutboxTable, GwWebhookEndpointTable } from '../../db/gatewayTables.js';
import { sqlDateTimeToIso } from '../../lib/dates.js';
import type { ThinEvent } from './appendOutboxEvent.js';
import type { DeliveryStatus, DeliveryView, EndpointStatus, StoredEvent, WebhookEndpointView } from './types.js';

const isoOrNull = (v: string | null): string | null => (v ? sqlDateTimeToIso(v) : null);

/** gw_webhook_endpoint.event_types is space-separated. */
const splitTypes = (text: string): string[] => text.split(/\s+/).filter((t) => t.length > 0);

export const toStoredEvent = (r: Selectable<GwOutboxTable>): StoredEvent => ({
  id: Number(r.id),
  type: r.type,
  entityId: Number(r.entity_id),
  clinicNum: Number(r.clinic_num),
  userNum: Number(r.user_num),
  programNum: Number(r.program_num),
  requestId: r.request_id,
  occurredAt: sqlDateTimeToIso(r.occurred_at),
  payload: JSON.parse(r.payload) as ThinEvent,
});

export const toEndpointView = (r: Selectable<GwWebhookEndpointTable>): WebhookEndpointView => ({
  id: Number(r.id),
  clientId: Number(r.client_id),
  url: r.url,
  eventTypes: splitTypes(r.event_types),
  status: r.status as EndpointStatus,
  disabledReason: r.disabled_reason,
  fullPayload: Number(r.full_payload) === 1,
  previousSecretExpiresAt: r.previous_secret ? isoOrNull(r.previous_secret_expires_at) : null,
  failingSince: isoOrNull(r.failing_since),
  createdAt: sqlDateTimeToIso(r.created_at),
  updatedAt: sqlDateTimeToIso(r.updated_at),
});

export const toDeliveryView = (r: Selectable<GwDeliveryTable>, event: StoredEvent | null): DeliveryView => ({
  id: Number(r.id),
  eventId: Number(r.event_id),
  endpointId: Number(r.endpoint_id),
  status: r.status as DeliveryStatus,
  attempts: Number(r.attempts),
  nextAttemptAt: sqlDateTimeToIso(r.next_attempt_at),
  lastError: r.last_error,
  lastStatus: r.last_status === null ? null : Number(r.last_status),
  deliveredAt: isoOrNull(r.delivered_at),
  createdAt: sqlDateTimeToIso(r.created_at),
  event,
});
