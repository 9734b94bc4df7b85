import type { Worker } from 'node:worker_threads';
import type { Config } from '../config/Config.js';
import { startWorkerThread } from '../lib/startWorkerThread.js';
import type { WebhookPolicy } from '../services/webhooks/WebhookPolicy.js';
import type { EventMetrics } from './createEventMetrics.js';
import { applyMetricBatch, type MetricBatch } from './createMetricBuffer.js';
import type { WebhookRuntime } from './createWebhookRuntime.js';

/** What the dispatcher thread says to the thread that started it. */
export type ThreadReport = { kind: 'started' } | { kind: 'metrics'; batch: MetricBatch };
/** What it is told: stop (finish the attempts in flight, report, close the pool, exit). */
export type ThreadCommand = { kind: 'stop' };

/** The data the thread starts from: the parsed config (plain data, structured-cloned). */
export interface ThreadData {
  config: Config;
}

export interface DispatcherThreadDeps {
  /** the thread's module (src/webhookThread.ts): it composes the dispatcher as `chartgate webhooks worker` does */
  entry: URL;
  config: Config;
  policy: WebhookPolicy;
  /** the process's series: the thread's counts are added to them as its reports arrive (about once a second) */
  metrics: EventMetrics;
  log: { info(obj: unknown, msg?: string): void; error(obj: unknown, msg?: string): void };
  /** whether there is anything to deliver: the thread starts once there is (an idle process runs no second isolate) */
  hasWork: () => Promise<boolean>;
  /** how long after a crash the thread is started again, and how often `hasWork` is asked until it starts; default 1000 */
  restartMs?: number;
}

/**
 * The dispatcher on a worker thread of the serve process: its own event loop and pool, so
 * signing, sending and its bookkeeping never take turns from the requests' event loop (the
 * write path holds the security log's chain lock across several of those turns). It starts once
 * an endpoint is active. A thread that dies is started again; what it had claimed comes back when
 * the leases end, as after kill -9.
 */
export function createDispatcherThread(deps: DispatcherThreadDeps): WebhookRuntime {
  let worker: Worker | null = null;
  let stopping = false;
  let restart: NodeJS.Timeout | null = null;
  const everyMs = deps.restartMs ?? 1000;

  // until an endpoint is active there is nothing to deliver: ask again every second (a database that does not answer is asked again too)
  const startWhenNeeded = () => {
    restart = null;
    if (stopping || worker) return;
    void deps
      .hasWork()
      .catch(() => false)
      .then((needed) => {
        if (stopping || worker) return;
        if (needed) spawn();
        else {
          restart = setTimeout(startWhenNeeded, everyMs);
          restart.unref();
        }
      });
  };

  const spawn = () => {
    const w = startWorkerThread(deps.entry, { workerData: { config: deps.config } satisfies ThreadData });
    worker = w;
    w.on('message', (m: ThreadReport) => {
      if (m.kind === 'metrics') applyMetricBatch(deps.metrics, m.batch);
    });
    w.on('error', (err) => deps.log.error({ err }, 'webhook dispatcher thread failed'));
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      if (stopping) return;
      deps.log.error({ code }, 'webhook dispatcher thread exited; starting it again');
      restart = setTimeout(spawn, everyMs);
      restart.unref();
    });
  };

  return {
    policy: deps.policy,
    dispatcher: null,
    start() {
      if (worker || stopping || restart) return;
      startWhenNeeded();
    },
    async stop() {
      stopping = true;
      if (restart) clearTimeout(restart);
      const w = worker;
      if (!w) return;
      const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
      // the attempts in flight finish first, each bounded by its timeout; then the thread is ended regardless
      const force = setTimeout(() => void w.terminate(), 2 * deps.config.webhooks.timeoutMs + 5000);
      w.postMessage({ kind: 'stop' } satisfies ThreadCommand);
      await exited;
      clearTimeout(force);
    },
  };
}
