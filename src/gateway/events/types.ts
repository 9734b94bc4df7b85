import type { ThinEvent } from './appendOutboxEvent.js';

/** Views of the event tables, as services, the dispatcher and the CLI see them (timestamps ISO 8601 UTC). */

export interface StoredEvent {
  readonly id: number;
  readonly type: string;
  readonly entityId: number;
  /** 0 = none */
  readonly clinicNum: number;
  readonly userNum: number;
  readonly programNum: number;
  readonly requestId: string;
  readonly occurredAt: string;
  /** the thin event as sent to every subscriber */
  readonly payload: ThinEvent;
}

export type EndpointStatus = 'active' | 'disabled';

export interface WebhookEndpointView {
  readonly id: number;
  readonly clientId: number;
  readonly url: string;
  readonly eventTypes: readonly string[];
  readonly status: EndpointStatus;
  readonly disabledReason: string | null;
  readonly fullPayload: boolean;
  /** while a rotated-out secret still signs (null: no overlap running) */
  readonly previousSecretExpiresAt: string | null;
  /** the first failure since the last success (null while it succeeds) */
  readonly failingSince: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The subscriber as the dispatcher needs it: the client's scopes, clinics and service user. */
export interface Subscriber {
  readonly id: number;
  readonly name: string;
  /** 'active' | 'suspended': a suspended client's deliveries wait */
  readonly status: string;
  readonly scopes: ReadonlySet<string>;
  readonly clinicIds: ReadonlySet<number> | null;
  readonly serviceUser: { readonly userNum: number; readonly userName: string };
}

export interface DispatchEndpoint extends WebhookEndpointView {
  /** the current secret first, then the previous one while its overlap runs */
  readonly secrets: readonly string[];
  /** the outbox id deliveries have been created up to */
  readonly lastEventId: number;
  readonly client: Subscriber;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'dead';

export interface DeliveryView {
  readonly id: number;
  readonly eventId: number;
  readonly endpointId: number;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly nextAttemptAt: string;
  readonly lastError: string | null;
  readonly lastStatus: number | null;
  readonly deliveredAt: string | null;
  readonly createdAt: string;
  /** the event, when it has not been pruned */
  readonly event: StoredEvent | null;
}

/** A keyset page, newest first unless the list says otherwise. */
export interface KeysetPage<T> {
  readonly edges: readonly { readonly cursor: string; readonly node: T }[];
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

export interface NewEndpoint {
  clientId: number;
  url: string;
  eventTypes: readonly string[];
  fullPayload: boolean;
  secret: string;
}

export interface EndpointPatch {
  url?: string;
  eventTypes?: readonly string[];
  fullPayload?: boolean;
  /** 'active' re-enables a disabled endpoint (and clears its failure record) */
  status?: EndpointStatus;
}
