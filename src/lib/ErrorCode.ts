/** Stable error codes clients branch on (docs/architecture.md "Error codes"). The one exported enum. */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  CLIENT_SUSPENDED = 'CLIENT_SUSPENDED',
  API_DISABLED = 'API_DISABLED',
  OPERATION_NOT_CERTIFIED = 'OPERATION_NOT_CERTIFIED',
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  THROTTLED = 'THROTTLED',
  QUERY_TIMEOUT = 'QUERY_TIMEOUT',
  OVERLOADED = 'OVERLOADED',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE',
  /** the write was committed (or may have been) but the response cannot confirm it: not safe to repeat without its Idempotency-Key */
  WRITE_UNCONFIRMED = 'WRITE_UNCONFIRMED',
  /** this instance is draining before it stops: safe to retry (on another instance) */
  SHUTTING_DOWN = 'SHUTTING_DOWN',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** The HTTP status each code maps to when it is the request's only error. */
export const httpStatusOf: Readonly<Record<ErrorCode, number>> = Object.freeze({
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.CLIENT_SUSPENDED]: 403,
  [ErrorCode.API_DISABLED]: 503,
  [ErrorCode.OPERATION_NOT_CERTIFIED]: 403,
  [ErrorCode.QUERY_TOO_COMPLEX]: 400,
  [ErrorCode.THROTTLED]: 429,
  [ErrorCode.QUERY_TIMEOUT]: 504,
  [ErrorCode.OVERLOADED]: 503,
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.IDEMPOTENCY_KEY_REUSED]: 422,
  [ErrorCode.DATABASE_UNAVAILABLE]: 503,
  [ErrorCode.WRITE_UNCONFIRMED]: 503,
  [ErrorCode.SHUTTING_DOWN]: 503,
  [ErrorCode.INTERNAL_SERVER_ERROR]: 500,
});
