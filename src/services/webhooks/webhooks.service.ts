import type { EventAudience } from '../../gateway/events/eventTypes.js';
import { eventVisibleTo } from '../../gateway/events/eventTypes.js';
import type { DeliveryFilter } from '../../gateway/events/selectDeliveries.js';
import type { DeliveryStatus, DeliveryView, KeysetPage, StoredEvent, WebhookEndpointView } from '../../gateway/events/types.js';
import { isoToSqlDateTime, toSqlDateTime } from '../../lib/dates.js';
import { badInput, notFound } from '../../lib/DomainError.js';
import type { AdminDeps } from '../clients/ClientsDeps.js';
import { toFeedEvent } from '../events/FeedEvent.js';
import { requireScope } from '../requireScope.js';
import type { ServiceDeps } from '../ServiceDeps.js';
import type { WebhookDeliveryPage } from './types.js';
import { validateEndpointPatch, validateNewEndpoint, type EndpointInput, type EndpointUpdate } from './validateEndpointInput.js';

export interface ReplayInput {
  endpointId: number;
  /** one event again... */
  eventId?: number | null;
  /** ...or every event the endpoint receives that occurred at or after this ISO 8601 time */
  since?: string | null;
}

/** The most events one replay queues; older ones need a later `since`. */
const MAX_REPLAY = 50_000;
const REPLAY_BATCH = 1000;
const UNDELIVERED: DeliveryStatus[] = ['pending', 'failed', 'dead'];

const withFeedEvents = (page: KeysetPage<DeliveryView>): WebhookDeliveryPage => ({
  ...page,
  edges: page.edges.map((e) => ({ cursor: e.cursor, node: { ...e.node, event: e.node.event ? toFeedEvent(e.node.event) : null } })),
});

/**
 * Webhook endpoints per client, their secrets, deliveries and replays: admin scope only, checked
 * here before any statement. A new or rotated secret is returned once and never shown again.
 */
export function createWebhooksService(deps: ServiceDeps & AdminDeps) {
  const endpoints = deps.gateway.webhooks(deps.runner, deps.securityLog);
  const deliveries = deps.gateway.deliveries(deps.runner);
  const events = deps.gateway.events(deps.runner);
  const clients = deps.gateway.clients(deps.runner, deps.securityLog);
  // reads need admin:read (admin implies it); every change below needs admin
  const admin = () => requireScope(deps.principal, 'admin:read');
  const now = () => toSqlDateTime(deps.clock());

  const get = async (id: number): Promise<WebhookEndpointView> => {
    const e = await endpoints.get(id);
    if (!e) throw notFound('WebhookEndpoint', id);
    return e;
  };
  const clientOf = async (clientId: number) => {
    const c = await clients.get(clientId, now());
    if (!c) throw notFound('Client', clientId);
    return c;
  };
  const audienceOf = async (clientId: number): Promise<EventAudience> => {
    const c = await clientOf(clientId);
    return { scopes: new Set(c.scopes), clinicIds: c.clinicIds === null ? null : new Set(c.clinicIds) };
  };

  return {
    async list(clientId?: number): Promise<WebhookEndpointView[]> {
      admin();
      return endpoints.list(clientId);
    },
    async get(id: number): Promise<WebhookEndpointView> {
      admin();
      return get(id);
    },
    async create(input: EndpointInput): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
      const stamp = deps.authorizeWrite('admin');
      const client = await clientOf(input.clientId);
      const valid = await validateNewEndpoint(input, { scopes: new Set(client.scopes), clientId: client.id }, deps.webhooks);
      const secret = deps.webhooks.newSecret();
      const id = await endpoints.create(stamp, { clientId: client.id, url: valid.url, eventTypes: valid.eventTypes, fullPayload: valid.fullPayload, secret });
      return { endpoint: await get(id), secret };
    },
    async update(input: EndpointUpdate): Promise<WebhookEndpointView> {
      const stamp = deps.authorizeWrite('admin');
      const before = await get(input.id);
      const client = await clientOf(before.clientId);
      const patch = await validateEndpointPatch(input, { scopes: new Set(client.scopes), clientId: client.id }, deps.webhooks);
      await endpoints.update(stamp, input.id, patch);
      return get(input.id);
    },
    async remove(id: number): Promise<{ id: number }> {
      const stamp = deps.authorizeWrite('admin');
      await endpoints.remove(stamp, id);
      return { id };
    },
    async rotateSecret(id: number, graceS?: number | null): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
      const stamp = deps.authorizeWrite('admin');
      const grace = graceS ?? deps.webhooks.secretGraceS;
      if (!Number.isInteger(grace) || grace < 0 || grace > 30 * 86_400) {
        throw badInput('the overlap is 0 to 2592000 seconds (30 days)', 'input.graceSeconds', { minimum: 0, maximum: 2_592_000 });
      }
      const secret = deps.webhooks.newSecret();
      await endpoints.rotateSecret(stamp, id, secret, toSqlDateTime(new Date(deps.clock().getTime() + grace * 1000)));
      return { endpoint: await get(id), secret };
    },
    async deliveries(filter: DeliveryFilter, first = 50, after?: string | null): Promise<WebhookDeliveryPage> {
      admin();
      return withFeedEvents(await deliveries.list(filter, first, after));
    },
    /** deliveries not delivered yet: waiting, retrying or given up */
    async undelivered(filter: Omit<DeliveryFilter, 'statuses'>, first = 50, after?: string | null): Promise<WebhookDeliveryPage> {
      admin();
      return withFeedEvents(await deliveries.list({ ...filter, statuses: UNDELIVERED }, first, after));
    },
    async replay(input: ReplayInput): Promise<{ queued: number }> {
      const stamp = deps.authorizeWrite('admin');
      const endpoint = await get(input.endpointId);
      const audience = await audienceOf(endpoint.clientId);
      const wanted = (e: StoredEvent) => endpoint.eventTypes.includes(e.type) && eventVisibleTo(e, audience);
      if ((input.eventId == null) === (input.since == null)) throw badInput('give either input.eventId or input.since', 'input.eventId');
      if (input.eventId != null) {
        const [event] = await events.byIds([input.eventId]);
        if (!event) throw notFound('Event', input.eventId);
        if (!wanted(event)) throw badInput(`endpoint ${endpoint.id} does not receive event ${event.id} (${event.type})`, 'input.eventId');
        return { queued: await deliveries.replay(endpoint.id, [event.id], stamp.at) };
      }
      let since: string;
      try {
        since = isoToSqlDateTime(input.since!);
      } catch {
        throw badInput('input.since must be an ISO 8601 date-time with offset', 'input.since');
      }
      let queued = 0;
      for (let afterId = 0; queued < MAX_REPLAY;) {
        const batch = await events.since(since, afterId, REPLAY_BATCH);
        const ids = batch
          .filter(wanted)
          .map((e) => e.id)
          .slice(0, MAX_REPLAY - queued);
        queued += await deliveries.replay(endpoint.id, ids, stamp.at);
        if (batch.length < REPLAY_BATCH) break;
        afterId = batch.at(-1)!.id;
      }
      return { queued };
    },
  };
}

export type WebhooksService = ReturnType<typeof createWebhooksService>;
