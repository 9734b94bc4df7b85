/** The webhook admin service's views, as resolvers and the CLI see them (their shape is the gateway tables'). */
export type { DeliveryStatus, DeliveryView, KeysetPage, StoredEvent, WebhookEndpointView } from '../../gateway/events/types.js';
export type { DeliveryFilter } from '../../gateway/events/selectDeliveries.js';
export { EVENT_TYPES } from '../../gateway/events/eventTypes.js';
