import type { Insertable, Kysely } from 'kysely';
import type { Database, GwRequestLogTable } from '../../db/tables.js';
import type { SqlRunner } from '../../db/SqlRunner.js';
import { toSqlDateTime } from '../../lib/dates.js';

export type RequestLogRow = Insertable<GwRequestLogTable>;

export interface RequestLogWriter {
  /** Queues one row; never waits for the database. */
  push(row: RequestLogRow): void;
  /** Writes everything queued (multi-row INSERTs of at most `maxBatch` rows). */
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
  db: Kysely<Database>;
  runner: SqlRunner;
  clock: () => Date;
  /** REQUEST_LOG_FLUSH_MS (default 250) */
  flushMs: number;
  /** REQUEST_LOG_BATCH (default 500): a flush starts early once this many rows wait */
  maxBatch: number;
  /** REQUEST_LOG_RETENTION_DAYS (default 30) */
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
        await opts.runner.transaction('requestLog.insert', (trx) =>
          opts.runner.exec(trx, 'requestLog.insert', trx.insertInto('gw_request_log').values(batch)),
        );
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

  const prune = async () => {
    const cutoff = toSqlDateTime(new Date(opts.clock().getTime() - opts.retentionDays * 86_400_000));
    await opts.runner.transaction('requestLog.prune', (trx) =>
      opts.runner.exec(trx, 'requestLog.prune', trx.deleteFrom('gw_request_log').where('created_at', '<', cutoff)),
    );
  };

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
      flushTimer = setInterval(() => {
        if (queue.length > 0) flush().catch(report);
      }, opts.flushMs);
      flushTimer.unref();
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
