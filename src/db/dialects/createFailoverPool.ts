import type { MysqlPool, MysqlPoolConnection } from 'kysely';
import type { Pool } from 'mysql2';
import { DomainError } from '../../lib/DomainError.js';
import { ErrorCode } from '../../lib/ErrorCode.js';
import { mapDbError } from '../mapDbError.js';

export interface FailoverPoolOptions {
  /** READ_REPLICA_RETRY_MS: how long reads stay on the fallback before the replica is tried again */
  retryMs: number;
  now?: () => number;
}

const unreachable = (err: unknown) => {
  const mapped = mapDbError(err);
  return mapped instanceof DomainError && mapped.code === ErrorCode.DATABASE_UNAVAILABLE;
};

/**
 * The reporting pool when a replica is configured: connections come from the replica, and while
 * it cannot be reached (refused, timed out, too many connections) from `fallback`, the primary's
 * own capped reporting pool, for `retryMs` before the replica is tried again. A saturated replica
 * (its queue is full) is not a lost one: that answers OVERLOADED, never moves load to the primary.
 */
export function createFailoverPool(replica: Pool, fallback: Pool, opts: FailoverPoolOptions): MysqlPool {
  const now = opts.now ?? Date.now;
  let replicaDownUntil = 0;
  type Callback = (error: unknown, connection: MysqlPoolConnection) => void;
  const fromFallback = (cb: Callback) => fallback.getConnection((err, conn) => cb(err, conn));
  return {
    getConnection(cb) {
      if (now() < replicaDownUntil) return fromFallback(cb);
      replica.getConnection((err, conn) => {
        if (err && unreachable(err)) {
          replicaDownUntil = now() + opts.retryMs;
          return fromFallback(cb);
        }
        cb(err, conn);
      });
    },
    end(cb) {
      replica.end((first) => fallback.end((second) => cb(first ?? second)));
    },
  };
}
