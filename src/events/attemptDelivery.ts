import type { Stamp } from '../audit/Stamp.js';
import type { ClaimedDelivery, DeliveryOutcome } from '../gateway/events/createDeliveryStore.js';
import type { WebhookStore } from '../gateway/events/createWebhookStore.js';
import { eventVisibleTo } from '../gateway/events/eventTypes.js';
import type { DispatchEndpoint, StoredEvent } from '../gateway/events/types.js';
import { toSqlDateTime } from '../lib/dates.js';
import { buildEventBody } from './buildEventBody.js';
import type { EventMetrics } from './createEventMetrics.js';
import type { WebhookSender } from './createWebhookSender.js';
import { decideOutcome } from './decideOutcome.js';
import type { RetrySchedule } from './retrySchedule.js';
import { webhookHeaders } from './signWebhook.js';

export interface AttemptDeps {
  webhooks: WebhookStore;
  /** records outcomes (the lanes batch them: a retried row under its attempt number, a first attempt in its endpoint's window) */
  record: {
    succeed(endpointId: number, claimed: ClaimedDelivery, status: number): void;
    /** false: the delivery was claimed or replayed again since, and this outcome was not written */
    complete(endpointId: number, claimed: ClaimedDelivery, outcome: DeliveryOutcome): Promise<boolean>;
  };
  sender: WebhookSender;
  schedule: RetrySchedule;
  metrics: EventMetrics;
  clock: () => Date;
  /** WEBHOOKS_DISABLE_AFTER_S in ms: an endpoint failing every attempt for this long is disabled */
  disableAfterMs: number;
  /** the stamp of the dispatcher's own changes (chartgate itself) */
  stamp: () => Stamp;
  onDisabled?: (endpointId: number, reason: string) => void;
}

/** The Standard Webhooks message id: one per event, the same on every attempt and replay, so receivers can deduplicate. */
const messageIdOf = (eventId: number): string => `evt_${eventId}`;

const giveUp = (deps: AttemptDeps, endpointId: number, claimed: ClaimedDelivery, reason: string) => {
  const now = toSqlDateTime(deps.clock());
  deps.metrics.attempt('dead', endpointId);
  return deps.record.complete(endpointId, claimed, { status: 'dead', nextAttemptAt: now, lastStatus: null, lastError: reason, deliveredAt: null });
};

/**
 * One attempt of one claimed delivery: sign, POST, then record the outcome under the claim's
 * attempt number (a later claim or a replay wins over a slow one), and keep the endpoint's
 * failure record: the first failure since a success, and disabling when it has lasted too long
 * or the receiver answered 410.
 */
export async function attemptDelivery(
  deps: AttemptDeps,
  endpoint: DispatchEndpoint,
  claimed: ClaimedDelivery,
  event: StoredEvent | undefined,
  /** a full-payload subscription's entity, read beforehand with its batch (undefined: thin) */
  object?: unknown,
): Promise<void> {
  if (!event) {
    await giveUp(deps, endpoint.id, claimed, 'the event is no longer in the outbox');
    return;
  }
  if (!endpoint.eventTypes.includes(event.type) || !eventVisibleTo(event, endpoint.client)) {
    await giveUp(deps, endpoint.id, claimed, 'the subscription or the client no longer covers this event');
    return;
  }
  const body = buildEventBody(event, object);
  const answer = await deps.sender.send({ url: endpoint.url, headers: webhookHeaders(endpoint.secrets, messageIdOf(event.id), deps.clock(), body), body });

  const now = deps.clock();
  const nowSql = toSqlDateTime(now);
  const decision = decideOutcome(answer, claimed.attempt, deps.schedule, now.getTime());
  if (decision.kind === 'delivered') {
    deps.record.succeed(endpoint.id, claimed, answer.status!);
    deps.metrics.attempt('delivered', endpoint.id);
    deps.metrics.latency((now.getTime() - Date.parse(event.payload.timestamp)) / 1000);
    if (endpoint.failingSince !== null) await deps.webhooks.setFailingSince(endpoint.id, null);
    return;
  }

  const retry = decision.kind === 'retry';
  await deps.record.complete(endpoint.id, claimed, {
    status: retry ? 'failed' : 'dead',
    nextAttemptAt: retry ? toSqlDateTime(new Date(now.getTime() + decision.delayMs)) : nowSql,
    lastStatus: answer.status,
    lastError: answer.error,
    deliveredAt: null,
  });
  deps.metrics.attempt(decision.gone ? 'gone' : retry ? 'failed' : 'dead', endpoint.id);

  let reason: string | null = null;
  if (decision.gone) reason = 'the receiver answered 410 Gone';
  else if (endpoint.failingSince === null) await deps.webhooks.setFailingSince(endpoint.id, nowSql);
  else if (now.getTime() - Date.parse(endpoint.failingSince) >= deps.disableAfterMs) {
    reason = `every attempt has failed since ${endpoint.failingSince}; the last: ${answer.error ?? 'no answer'}`.slice(0, 500);
  }
  if (reason !== null && (await deps.webhooks.disable(deps.stamp(), endpoint.id, reason))) {
    deps.metrics.disabled(decision.gone ? 'gone' : 'failing');
    deps.onDisabled?.(endpoint.id, reason);
  }
}

/**
 * The lease end of a claim: a claimed delivery waits behind at most three rounds of its
 * endpoint's attempts (see the dispatcher's lanes), each bounded by the timeout, then takes its
 * own; after that others may take it.
 */
export const leaseUntil = (now: Date, timeoutMs: number): string => toSqlDateTime(new Date(now.getTime() + 4 * timeoutMs + 1000));
