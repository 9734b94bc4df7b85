import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DomainError, isDomainError } from '../lib/DomainError.js';
import { ErrorCode, httpStatusOf } from '../lib/ErrorCode.js';

/**
 * The one edge that turns errors into what clients see (docs/internals.md):
 * - DomainError -> extensions { code, http: { status }, field?, ...details } with its message;
 * - GraphQL's own request errors (parse, validation, variable coercion) pass through unchanged;
 * - anything else is masked as INTERNAL_SERVER_ERROR "Internal server error" (the original is
 *   logged by the plugin in createEdgePlugin.ts, with the request id).
 */

/** Codes that graphql-js / Apollo put on request errors; safe to show as they are. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);
const DOMAIN_CODES = new Set<string>(Object.values(ErrorCode));

export const INTERNAL_MESSAGE = 'Internal server error';

/** Duck-typed so a second copy of graphql (ESM next to CommonJS) cannot defeat the masking. */
const isGraphQLErrorLike = (e: unknown): e is GraphQLError =>
  e instanceof GraphQLError || (e instanceof Error && e.name !== 'DomainError' && typeof (e as { extensions?: unknown }).extensions === 'object');

/** The deepest cause behind graphql-js / Apollo wrapping. */
export function rootCause(error: unknown): unknown {
  let e = error;
  while (isGraphQLErrorLike(e) && e.originalError) e = e.originalError;
  return e;
}

/** True when an error would be masked: neither a DomainError nor a coded GraphQL request error. */
export function isUnexpected(error: unknown): boolean {
  if (isDomainError(rootCause(error))) return false;
  // Apollo wraps graphql-js errors (validation, coercion) in coded subclasses: any safe code in the chain counts
  for (let e: unknown = error; isGraphQLErrorLike(e); e = e.originalError) {
    const code = e.extensions?.code;
    if (typeof code === 'string' && (REQUEST_ERROR_CODES.has(code) || (DOMAIN_CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR))) return false;
  }
  return true;
}

export function domainExtensions(e: DomainError): Record<string, unknown> {
  return {
    ...e.details,
    code: e.code,
    http: { status: httpStatusOf[e.code] },
    ...(e.field === undefined ? {} : { field: e.field }),
  };
}

/** A DomainError as a GraphQLError (for errors raised outside execution, e.g. while building context). */
export function toGraphQLError(e: DomainError): GraphQLError {
  return new GraphQLError(e.message, { originalError: e, extensions: domainExtensions(e) });
}

/** Apollo's `formatError`: the mapping above. Never returns stack traces or SQL. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const root = rootCause(error);
  const where = { ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}) };
  if (isDomainError(root)) return { message: root.message, ...where, extensions: domainExtensions(root) };
  if (!isUnexpected(error)) {
    const code = formatted.extensions?.code;
    const status = typeof code === 'string' && DOMAIN_CODES.has(code) ? httpStatusOf[code as ErrorCode] : undefined;
    const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions: status && !extensions.http ? { ...extensions, http: { status } } : extensions };
  }
  const requestId = (isGraphQLErrorLike(root) ? root.extensions?.requestId : undefined) ?? formatted.extensions?.requestId;
  return {
    message: INTERNAL_MESSAGE,
    ...where,
    extensions: {
      code: ErrorCode.INTERNAL_SERVER_ERROR,
      http: { status: 500 },
      ...(requestId === undefined ? {} : { requestId }),
    },
  };
}
