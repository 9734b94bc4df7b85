import { createServer } from 'node:http';
import { Registry } from 'prom-client';
import { composeWebhookWorker } from '../composeWebhookWorker.js';
import { createEventMetrics } from '../events/createEventMetrics.js';
import { createLogger } from '../http/createLogger.js';
import { say, type CliDeps } from './CliDeps.js';

/**
 * `chartgate webhooks worker`: the dispatcher on its own, as `serve` runs it, until SIGINT/SIGTERM.
 * Several workers (and servers) may run at once: claims never hand one delivery to two of them.
 */
export async function runWebhookWorker(deps: CliDeps, o: { metricsPort?: number }): Promise<void> {
  const config = deps.loadConfig();
  const db = await deps.openDb(config, { create: false });
  const log = createLogger(config.logLevel);
  const registry = new Registry();
  const runtime = composeWebhookWorker(config, db, { log, metrics: (backlog) => createEventMetrics(registry, backlog) });
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
