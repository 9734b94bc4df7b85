import { createServer } from 'node:http';
import { Registry } from 'prom-client';
import { createRequestContextFactory } from '../context.js';
import { systemRunner } from '../db/SqlRunner.js';
import { createEntityReader } from '../events/createEntityReader.js';
import { createWebhookPolicy } from '../events/createWebhookPolicy.js';
import { createWebhookRuntime } from '../events/createWebhookRuntime.js';
import { createGateway } from '../gateway/createGateway.js';
import { createLogger } from '../http/createLogger.js';
import { createKillSwitch } from '../killSwitch/createKillSwitch.js';
import { say, type CliDeps } from './CliDeps.js';
import { adminSettingsOf } from '../config/adminSettingsOf.js';
import { openSecurityLog } from './openSecurityLog.js';

/**
 * `chartgate webhooks worker`: the dispatcher on its own, as `serve` runs it, until SIGINT/SIGTERM.
 * Several workers (and servers) may run at once: claims never hand one delivery to two of them.
 */
export async function runWebhookWorker(deps: CliDeps, o: { metricsPort?: number }): Promise<void> {
  const config = deps.loadConfig();
  const db = await deps.openDb(config, { create: false });
  const log = createLogger(config.logLevel);
  const registry = new Registry();
  const gateway = createGateway(db);
  // full payloads read as each subscriber, through the same request contexts as the server's
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
  const runtime = createWebhookRuntime({
    config: config.webhooks,
    gateway,
    runner: systemRunner(db, 'chartgate-webhooks'),
    securityLog,
    registry,
    clock: () => new Date(),
    log,
    readEntity: createEntityReader((principal) => contexts({ principal, requestId: 'webhook-payload' }).services),
  });
  const metrics =
    o.metricsPort === undefined
      ? null
      : createServer((req, res) => {
          if (req.method === 'GET' && req.url === '/metrics') {
            void registry.metrics().then((text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text));
          } else res.writeHead(404).end();
        });
  if (metrics) await new Promise<void>((resolve) => metrics.listen(o.metricsPort, '127.0.0.1', resolve));
  runtime.start();
  say(
    `chartgate webhooks worker: delivering from ${db.dialect === 'sqlite' ? `embedded SQLite ${config.db.sqliteFile}` : `${db.flavor} (DATABASE_URL)`}; SIGINT/SIGTERM stops it`,
  );

  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await runtime.stop();
  if (metrics) await new Promise<void>((resolve) => metrics.close(() => resolve()));
  await db.destroy();
}
