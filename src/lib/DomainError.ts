import { ErrorCode } from './ErrorCode.js';

/**
 * A plain error thrown by services, loaders, auth and the governor. Exactly one edge
 * (src/http/formatError.ts) turns it into a GraphQL error; anything that is not a
 * DomainError is masked as INTERNAL_SERVER_ERROR there.
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  /** input path for BAD_USER_INPUT, e.g. 'input.splits[1].amount' */
  readonly field?: string;
  /** extra, client-safe facts (limit name, maximum, conflicting id...) */
  readonly details?: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, opts: { field?: string; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'DomainError';
    this.code = code;
    this.field = opts.field;
    this.details = opts.details;
  }
}

export const badInput = (message: string, field?: string, details?: Record<string, unknown>) =>
  new DomainError(ErrorCode.BAD_USER_INPUT, message, { field, details });

export const notFound = (what: string, id: unknown) =>
  new DomainError(ErrorCode.NOT_FOUND, `${what} ${String(id)} was not found`, { details: { id: String(id) } });

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
