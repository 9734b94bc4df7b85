import type { Config } from '../config/Config.js';
import type { WebhookPolicy } from '../services/webhooks/WebhookPolicy.js';
import { createUrlGuard, type UrlGuard } from './createUrlGuard.js';
import { newWebhookSecret } from './signWebhook.js';

/** The admin service's webhook rules from the configuration: the SSRF check, new secrets, the rotation overlap. */
export function createWebhookPolicy(config: Pick<Config['webhooks'], 'allowPrivate' | 'secretGraceS'>, guard?: UrlGuard): WebhookPolicy {
  const g = guard ?? createUrlGuard({ allowPrivate: config.allowPrivate });
  return { checkUrl: (url, field) => g.check(url, field), newSecret: newWebhookSecret, secretGraceS: config.secretGraceS };
}
