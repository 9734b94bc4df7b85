import type { DeliveryView, KeysetPage } from '../../gateway/events/types.js';
import type { FeedEvent } from '../events/FeedEvent.js';

/** The webhook admin service's views, as resolvers and the CLI see them (their shape is the gateway tables'). */
export type { DeliveryStatus, WebhookEndpointView } from '../../gateway/events/types.js';
export type { DeliveryFilter } from '../../gateway/events/selectDeliveries.js';

/** A delivery with its event as the change feed shows it (null once pruned). */
export type WebhookDelivery = Omit<DeliveryView, 'event'> & { readonly event: FeedEvent | null };
export type WebhookDeliveryPage = KeysetPage<WebhookDelivery>;
export type WebhookDeliveryEdge = WebhookDeliveryPage['edges'][number];
