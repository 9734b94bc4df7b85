import type { WebhookAnswer } from './createWebhookSender.js';
import { parseRetryAfter } from './parseRetryAfter.js';
import type { RetrySchedule } from './retrySchedule.js';

/**
 * What an attempt's answer means: 2xx delivered; 410 Gone disables the endpoint (the delivery
 * stays queued for when it is enabled again); 429 and 503 wait as long as Retry-After says;
 * anything else, and no answer at all, is retried on the schedule until it runs out.
 */
export type Decision = { kind: 'delivered' } | { kind: 'retry'; delayMs: number; gone: boolean } | { kind: 'dead'; gone: boolean };

export function decideOutcome(answer: WebhookAnswer, attempt: number, schedule: RetrySchedule, nowMs: number): Decision {
  const status = answer.status;
  if (status !== null && status >= 200 && status < 300) return { kind: 'delivered' };
  const gone = status === 410;
  const scheduled = schedule.delayAfter(attempt);
  if (scheduled === null) return { kind: 'dead', gone };
  const asked = status === 429 || status === 503 ? parseRetryAfter(answer.retryAfter, nowMs, schedule.maxDelayMs) : null;
  return { kind: 'retry', delayMs: asked ?? scheduled, gone };
}
