import { openSecurityLog } from './cli/openSecurityLog.js';
import type { Config } from './config/Config.js';
import { adminSettingsOf } from './config/adminSettingsOf.js';
import { createRequestContextFactory } from './context.js';
import type { Db } from './db/Db.js';
import { systemRunner } from './db/SqlRunner.js';
import { createEntityReader } from './events/createEntityReader.js';
import type { EventMetrics } from './events/createEventMetrics.js';
import { createWebhookPolicy } from './events/createWebhookPolicy.js';
import { createWebhookRuntime, type InlineWebhookRuntime, type WebhookRuntimeDeps } from './events/createWebhookRuntime.js';
import { createGateway } from './gateway/createGateway.js';
import { createKillSwitch } from './killSwitch/createKillSwitch.js';

/**
 * The dispatcher without a server, as `chartgate webhooks worker` and serve's dispatcher thread
 * run it: full payloads are read as each subscriber through the same request contexts as the
 * server's, and the dispatcher counts into `metrics` (given the backlog to read at a scrape).
 */
export function composeWebhookWorker(
  config: Config,
  db: Db,
  o: { log: NonNullable<WebhookRuntimeDeps['log']>; metrics: (backlog: () => Promise<number>) => EventMetrics },
): InlineWebhookRuntime {
  const gateway = createGateway(db);
  const securityLog = openSecurityLog(config, { create: true });
  const contexts = createRequestContextFactory({
    db,
    admin: {
      gateway,
      killSwitch: createKillSwitch({ db }),
      ...adminSettingsOf(config),
      webhooks: createWebhookPolicy(config.webhooks),
    },
    securityLog,
  });
  const runner = systemRunner(db, 'chartgate-webhooks');
  return createWebhookRuntime({
    config: config.webhooks,
    gateway,
    runner,
    securityLog,
    metrics: o.metrics(() => gateway.deliveries(runner).backlog()),
    clock: () => new Date(),
    log: o.log,
    readEntity: createEntityReader((principal) => contexts({ principal, requestId: 'webhook-payload' }).services),
  });
}
