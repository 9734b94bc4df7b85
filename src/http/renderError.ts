import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { isDomainError, type DomainError } from '../lib/DomainError.js';
import { ErrorCode, httpStatusOf } from '../lib/ErrorCode.js';
import { redactSchemaNames } from './redactSchemaNames.js';

/**
 * The one place that turns errors into what clients see (docs/architecture.md "Error codes"):
 * - DomainError -> extensions { code, field?, ...details } with its message;
 * - GraphQL's own request errors (parse, validation, variable coercion) pass through, without
 *   schema names the client did not send (./redactSchemaNames.ts);
 * - Apollo's uncoded persisted-query errors get a PERSISTED_QUERY_* code (HTTP 400);
 * - anything else is masked as INTERNAL_SERVER_ERROR "Internal server error" (the original is
 *   logged by createEdgePlugin.ts with the request id).
 * The same body serves GraphQL responses, Fastify routes (404, 413, 415...), health and replays.
 * The HTTP status is the response's own (createEdgePlugin.ts maps codes to statuses): no
 * `extensions.http` ever reaches the wire, where a gateway would turn a partial answer's error
 * into the status of the whole response.
 */

/** Codes that graphql-js / Apollo put on request errors; safe to show as they are. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_INVALID',
  'PERSISTED_QUERY_HASH_MISMATCH',
  'OPERATION_RESOLUTION_FAILURE',
]);
const DOMAIN_CODES = new Set<string>(Object.values(ErrorCode));

const INTERNAL_MESSAGE = 'Internal server error';

/**
 * Apollo answers these persisted-query problems with a bare 400 GraphQLError and no code: a
 * `persistedQuery` that is not `{ version: 1, sha256Hash }` ('Unsupported persisted query
 * version'), and a hash that is not the sha256 of the query sent with it.
 */
const PERSISTED_QUERY_ERRORS: Readonly<Record<string, { code: string; message: string }>> = {
  'Unsupported persisted query version': {
    code: 'PERSISTED_QUERY_INVALID',
    message: 'extensions.persistedQuery must be { "version": 1, "sha256Hash": "<sha256 of the query>" }',
  },
  'provided sha does not match query': {
    code: 'PERSISTED_QUERY_HASH_MISMATCH',
    message: 'extensions.persistedQuery.sha256Hash is not the sha256 of the query',
  },
};

/** The GraphQL error shape every non-GraphQL answer uses too. */
export interface ErrorBody {
  errors: GraphQLFormattedError[];
}

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

function domainExtensions(e: DomainError): Record<string, unknown> {
  return {
    ...e.details,
    code: e.code,
    ...(e.field === undefined ? {} : { field: e.field }),
  };
}

/**
 * A DomainError as a GraphQLError (for errors raised outside execution, e.g. while building
 * context): its `http` extension tells Apollo the response's status, and Apollo removes it.
 */
export function toGraphQLError(e: DomainError): GraphQLError {
  const extensions: Record<string, unknown> = { ...domainExtensions(e), http: { status: httpStatusOf[e.code] } };
  const retryAfter = Number(e.details?.retryAfterSeconds);
  // Apollo also sets extensions.http.headers (a Map) on the response: a refusal before execution still says when to retry
  if (retryAfter > 0) extensions.http = { status: httpStatusOf[e.code], headers: new Map([['retry-after', String(Math.ceil(retryAfter))]]) };
  return new GraphQLError(e.message, { originalError: e, extensions });
}

/** The masked error, carrying the request id so support can find the log line (its `http` extension is Apollo's, as above). */
export function internalError(requestId: string | undefined): GraphQLError {
  return new GraphQLError(INTERNAL_MESSAGE, {
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, http: { status: 500 }, ...(requestId === undefined ? {} : { requestId }) },
  });
}

/** Apollo's `formatError`: the mapping above. Never returns stack traces or SQL. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const root = rootCause(error);
  const where = { ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}) };
  // a DomainError may carry a graphql-js message too (the governor's own variable coercion)
  if (isDomainError(root)) return { message: redactSchemaNames(root.message), ...where, extensions: domainExtensions(root) };
  const persisted = isGraphQLErrorLike(error) && error.extensions?.code === undefined ? PERSISTED_QUERY_ERRORS[error.message] : undefined;
  if (persisted) return { message: persisted.message, extensions: { code: persisted.code, http: { status: 400 } } };
  if (!isUnexpected(error)) {
    const { stacktrace: _drop, http: _status, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, message: redactSchemaNames(formatted.message), extensions };
  }
  const requestId = (isGraphQLErrorLike(root) ? root.extensions?.requestId : undefined) ?? formatted.extensions?.requestId;
  return {
    message: INTERNAL_MESSAGE,
    ...where,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...(requestId === undefined ? {} : { requestId }) },
  };
}

/** The body of a DomainError answered outside GraphQL execution. */
export const domainErrorBody = (e: DomainError): ErrorBody => ({ errors: [{ message: e.message, extensions: domainExtensions(e) }] });

/** A route's error in the GraphQL error shape: `code` (a domain code) and any extra extensions (the status is the reply's). */
export function routeErrorBody(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): ErrorBody {
  return { errors: [{ message, extensions: { code, ...extra } }] };
}

/** Sends an error body with its status, as JSON. */
export function sendErrorBody(reply: FastifyReply, status: number, body: ErrorBody): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

/**
 * Errors raised by Fastify before GraphQL runs (body too large, not JSON, unsupported media
 * type), answered in the GraphQL error shape. Anything 5xx is masked and logged with the request id.
 */
export function sendEdgeError(error: FastifyError, request: FastifyRequest, reply: FastifyReply, bodyLimitBytes: number) {
  const { status, message, extra } = describeEdgeError(error, bodyLimitBytes);
  if (status >= 500) {
    request.log.error({ err: error, requestId: request.id }, 'unhandled edge error');
    return sendErrorBody(reply, status, routeErrorBody(ErrorCode.INTERNAL_SERVER_ERROR, INTERNAL_MESSAGE, { requestId: request.id }));
  }
  return sendErrorBody(reply, status, routeErrorBody(ErrorCode.BAD_USER_INPUT, message, extra));
}

function describeEdgeError(error: FastifyError, bodyLimitBytes: number): { status: number; message: string; extra?: Record<string, unknown> } {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, message: `Request body is larger than ${bodyLimitBytes} bytes`, extra: { reason: 'BODY_TOO_LARGE', maximum: bodyLimitBytes } };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, message: 'Unsupported Content-Type: send application/json', extra: { reason: 'UNSUPPORTED_MEDIA_TYPE' } };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, message: 'Request body is empty', extra: { reason: 'INVALID_JSON' } };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, message: 'Request body is not valid JSON', extra: { reason: 'INVALID_JSON' } };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, message: 'Content-Length does not match the body', extra: { reason: 'INVALID_CONTENT_LENGTH' } };
  }
  const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500;
  // Fastify's own 4xx messages describe the request, never our internals
  return { status, message: status < 500 ? error.message : INTERNAL_MESSAGE };
}
