import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode } from '../lib/ErrorCode.js';
import { INTERNAL_MESSAGE } from './formatError.js';

/**
 * Errors raised by Fastify before GraphQL runs (body too large, not JSON, unsupported media
 * type) answered in the GraphQL error shape, so clients parse one format. Anything 5xx is
 * masked and logged with the request id.
 */
export function sendEdgeError(error: FastifyError, request: FastifyRequest, reply: FastifyReply, bodyLimitBytes: number) {
  const { status, message, extra } = describe(error, bodyLimitBytes);
  const code = status >= 500 ? ErrorCode.INTERNAL_SERVER_ERROR : ErrorCode.BAD_USER_INPUT;
  if (status >= 500) request.log.error({ err: error, requestId: request.id }, 'unhandled edge error');
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ errors: [{ message, extensions: { code, http: { status }, ...extra, ...(status >= 500 ? { requestId: request.id } : {}) } }] });
}

function describe(error: FastifyError, bodyLimitBytes: number): { status: number; message: string; extra?: Record<string, unknown> } {
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
  if (status < 500) return { status, message: error.message };
  return { status, message: INTERNAL_MESSAGE };
}
