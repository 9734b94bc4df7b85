import { parentPort, workerData } from 'node:worker_threads';
import { composeWebhookWorker } from './composeWebhookWorker.js';
import { openDb } from './db/openDb.js';
import type { ThreadCommand, ThreadData, ThreadReport } from './events/createDispatcherThread.js';
import { createMetricBuffer } from './events/createMetricBuffer.js';
import { createLogger } from './http/createLogger.js';
import { lowerThreadPriority } from './lib/lowerThreadPriority.js';

/** How often the thread reports its counts to the main thread's /metrics. */
const REPORT_MS = 1000;

/**
 * The entry of serve's dispatcher thread (createDispatcherThread starts it): its own pool on the
 * same database, the dispatcher as `chartgate webhooks worker` composes it, and its counts sent
 * to the main thread in batches.
 */
async function main(port: NonNullable<typeof parentPort>, data: ThreadData): Promise<void> {
  const { config } = data;
  lowerThreadPriority(config.webhooks.threadNice);
  const db = await openDb(config, { create: false });
  const buffer = createMetricBuffer();
  const runtime = composeWebhookWorker(config, db, { log: createLogger(config.logLevel), metrics: () => buffer.metrics });
  const report = () => {
    const batch = buffer.take();
    if (batch) port.postMessage({ kind: 'metrics', batch } satisfies ThreadReport);
  };
  const reporting = setInterval(report, REPORT_MS);
  port.on('message', (m: ThreadCommand) => {
    if (m.kind !== 'stop') return;
    clearInterval(reporting);
    void runtime
      .stop()
      .then(report)
      .finally(() => db.destroy())
      .finally(() => port.close());
  });
  runtime.start();
  port.postMessage({ kind: 'started' } satisfies ThreadReport);
}

if (parentPort) await main(parentPort, workerData as ThreadData);
