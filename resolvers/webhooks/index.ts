import { events } from '../query/events.js';
import { createWebhookEndpoint, deleteWebhookEndpoint, replayWebhookEvents, rotateWebhookSecret, updateWebhookEndpoint } from './webhookMutations.js';
import { undeliveredWebhooks, webhookEndpoint, webhookEndpoints } from './webhookQueries.js';
import { WebhookDelivery, WebhookDeliveryConnection, WebhookEndpoint } from './WebhookTypes.js';

/** schema/events.graphql's and schema/webhooks.graphql's resolvers, merged into resolvers/index.ts. */
export const eventResolvers = {
  Query: { events, webhookEndpoints, webhookEndpoint, undeliveredWebhooks },
  Mutation: { createWebhookEndpoint, updateWebhookEndpoint, deleteWebhookEndpoint, rotateWebhookSecret, replayWebhookEvents },
  WebhookEndpoint,
  WebhookDelivery,
  WebhookDeliveryConnection,
};
