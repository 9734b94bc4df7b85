import type { RequestLogRow, RequestLogSink } from '../../gateway/requestLog/createRequestLogStore.js';
import { toSqlDateTime } from '../../lib/dates.js';

export interface RequestLogWriter {
  /** Queues one row; never waits for the database. */
  push(row: RequestLogRow): void;
  /** Writes everything queued (multi-row INSERTs of at most `maxBatch` rows); resolves with the rows written. */
  flush(): Promise<number>;
  /** Deletes rows older than the retention period. */
  prune(): Promise<void>;
  start(): void;
  /** Stops the timers and flushes what is left (graceful shutdown). */
  stop(): Promise<void>;
  /** rows dropped because the queue overflowed (database away for long) */
  readonly dropped: number;
}

export interface RequestLogWriterOptions {
  sink: RequestLogSink;
  clock: () => Date;
  /** REQUEST_LOG_FLUSH_MS; 0 = no timer (flush() on demand, at maxBatch and at stop) */
  flushMs: number;
  /** REQUEST_LOG_BATCH: a flush starts early once this many rows wait */
  maxBatch: number;
  /** REQUEST_LOG_RETENTION_DAYS */
  retentionDays: number;
  /** most rows kept while the database is away; older ones are dropped. Default 100000. */
  maxQueued?: number;
  /** how often pruning runs. Default hourly. */
  pruneEveryMs?: number;
  onError?: (err: unknown) => void;
}

/**
 * The integration log's write side: an in-memory queue written off the request path in
 * multi-row INSERTs every flushMs (or as soon as maxBatch rows wait), pruned hourly.
 */
export function createRequestLogWriter(opts: RequestLogWriterOptions): RequestLogWriter {
  let queue: RequestLogRow[] = [];
  let flushing: Promise<number> | null = null;
  let flushTimer: NodeJS.Timeout | null = null;
  let pruneTimer: NodeJS.Timeout | null = null;
  let dropped = 0;
  const maxQueued = opts.maxQueued ?? 100_000;
  const report = (err: unknown) => opts.onError?.(err);

  const writeAll = async (): Promise<number> => {
    let written = 0;
    while (queue.length > 0) {
      const batch = queue.slice(0, opts.maxBatch);
      queue = queue.slice(batch.length);
      try {
        await opts.sink.insert(batch);
        written += batch.length;
      } catch (err) {
        queue = [...batch, ...queue].slice(-maxQueued); // retried on the next tick
        throw err;
      }
    }
    return written;
  };

  const flush = (): Promise<number> => {
    flushing ??= writeAll().finally(() => {
      flushing = null;
    });
    return flushing;
  };

  const prune = () => opts.sink.prune(toSqlDateTime(new Date(opts.clock().getTime() - opts.retentionDays * 86_400_000)));

  return {
    push(row) {
      queue.push(row);
      if (queue.length > maxQueued) {
        dropped += queue.length - maxQueued;
        queue = queue.slice(-maxQueued);
      }
      if (queue.length >= opts.maxBatch && !flushing) flush().catch(report);
    },
    flush,
    prune,
    start() {
      if (opts.flushMs > 0) {
        flushTimer = setInterval(() => {
          if (queue.length > 0) flush().catch(report);
        }, opts.flushMs);
        flushTimer.unref();
      }
      prune().catch(report);
      pruneTimer = setInterval(() => prune().catch(report), opts.pruneEveryMs ?? 3_600_000);
      pruneTimer.unref();
    },
    async stop() {
      if (flushTimer) clearInterval(flushTimer);
      if (pruneTimer) clearInterval(pruneTimer);
      flushTimer = pruneTimer = null;
      await flushing?.catch(() => 0);
      await flush().catch(report);
    },
    get dropped() {
      return dropped;
    },
  };
}
