import type { WebhookDelivery, WebhookEndpointView } from '../services/webhooks/types.js';

/** Human-readable endpoints and deliveries, for the non --json output of `chartgate webhooks`. */
export function formatEndpoint(e: WebhookEndpointView): string {
  const state = e.status === 'active' ? 'active' : `DISABLED: ${e.disabledReason ?? ''}`;
  const lines = [
    `endpoint ${e.id}  client ${e.clientId}  ${state}${e.fullPayload ? '  full payload' : ''}`,
    `  url:      ${e.url}`,
    `  events:   ${e.eventTypes.join(' ')}`,
  ];
  if (e.failingSince) lines.push(`  failing since ${e.failingSince}`);
  if (e.previousSecretExpiresAt) lines.push(`  previous secret signs until ${e.previousSecretExpiresAt}`);
  return lines.join('\n');
}

export const formatSecret = (secret: string): string => `Signing secret (Standard Webhooks). Shown once, store it now:\n  ${secret}`;

export function formatDelivery(d: WebhookDelivery): string {
  const what = d.event ? `${d.event.type} ${d.event.entityType} ${d.event.entityId}` : `event ${d.eventId} (pruned)`;
  const last = d.lastError ?? (d.lastStatus !== null ? `HTTP ${d.lastStatus}` : '');
  return `${String(d.id).padStart(6)}  evt_${d.eventId}  ${d.status.padEnd(9)}  ${String(d.attempts).padStart(2)} attempts  next ${d.nextAttemptAt}  ${what}${last ? `  ${last}` : ''}`;
}
