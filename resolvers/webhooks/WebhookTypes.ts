import type { RequestContext } from '../../src/context.js';
import type { DeliveryStatus, WebhookDelivery as Delivery, WebhookDeliveryPage, WebhookEndpointView } from '../../src/services/webhooks/types.js';

/** GraphQL's WebhookDeliveryStatus (PENDING...) -> the service's ('pending'...). */
const toDeliveryStatuses = (list: readonly string[] | null | undefined): DeliveryStatus[] | undefined =>
  list?.length ? list.map((s) => s.toLowerCase() as DeliveryStatus) : undefined;

/** Field resolvers of the webhook types: enum casing, and an endpoint's own deliveries. */
export const WebhookEndpoint = {
  status: (e: WebhookEndpointView) => e.status.toUpperCase(),
  deliveries: (e: WebhookEndpointView, args: { status?: string[] | null; first?: number | null; after?: string | null }, ctx: RequestContext) =>
    ctx.services.webhooks.deliveries({ endpointId: e.id, statuses: toDeliveryStatuses(args.status) }, args.first ?? 50, args.after),
};

export const WebhookDelivery = {
  status: (d: Delivery) => d.status.toUpperCase(),
};

/** A page of deliveries: the service's keyset page under GraphQL's pageInfo. */
export const WebhookDeliveryConnection = {
  pageInfo: (page: WebhookDeliveryPage) => ({ hasNextPage: page.hasNextPage, endCursor: page.endCursor }),
};
