import { DomainError } from '../lib/DomainError.js';
import { ErrorCode } from '../lib/ErrorCode.js';

// MariaDB 1969 ER_STATEMENT_TIMEOUT, MySQL 3024 ER_QUERY_TIMEOUT, 1317 ER_QUERY_INTERRUPTED (KILL QUERY)
const TIMEOUT_ERRNOS = new Set([1969, 3024, 1317]);
// 1040 too many connections, 1053 server shutdown, 2002/2003/2006/2013 client-side connection losses
const UNAVAILABLE_ERRNOS = new Set([1040, 1053, 1927, 2002, 2003, 2006, 2013]);
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'POOL_CLOSED',
  'ER_CON_COUNT_ERROR',
]);

/**
 * Turns a driver error into a DomainError when it means something to the client
 * (timeout, database down, pool saturated); returns the error untouched otherwise, so the
 * edge masks it as INTERNAL_SERVER_ERROR.
 */
export function mapDbError(err: unknown): unknown {
  if (err instanceof DomainError || !(err instanceof Error)) return err;
  const e = err as Error & { errno?: number; code?: string; fatal?: boolean };
  if (e.errno !== undefined && TIMEOUT_ERRNOS.has(e.errno)) {
    return new DomainError(ErrorCode.QUERY_TIMEOUT, 'The query exceeded its time limit and was stopped', { cause: err });
  }
  if (e.errno === 1213 || e.errno === 1205) {
    return new DomainError(ErrorCode.CONFLICT, 'A concurrent change held the rows this write needs; retry it', { cause: err });
  }
  if (e.message === 'Queue limit reached.') {
    return new DomainError(ErrorCode.OVERLOADED, 'The reporting pool is saturated; retry shortly', { cause: err });
  }
  if ((e.code && UNAVAILABLE_CODES.has(e.code)) || (e.errno !== undefined && UNAVAILABLE_ERRNOS.has(e.errno)) || e.fatal) {
    return new DomainError(ErrorCode.DATABASE_UNAVAILABLE, 'The database cannot be reached; it is safe to retry', { cause: err });
  }
  return err;
}
