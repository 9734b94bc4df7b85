import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../auth/Principal.js';
import type { RequestContext, RequestContextFactory } from '../context.js';
import { isDomainError } from '../lib/DomainError.js';
import type { Authenticate } from './createRequestAuthenticator.js';
import { internalError, toGraphQLError } from './renderError.js';
import type { RequestLog } from './requestLog/createRequestLog.js';

/** The per-request context function Apollo's Fastify integration calls. */
export type GraphqlContext = (request: FastifyRequest, reply: FastifyReply) => Promise<RequestContext>;

/** Authenticates the request, then builds its context with the one request-context factory. */
export function createGraphqlContext(deps: {
  authenticate: Authenticate;
  contexts: RequestContextFactory;
  requestLog?: RequestLog;
  /** after authentication, before parsing: may wait, or throw to refuse (the governor's penalty box) */
  admit?: (principal: Principal, signal: AbortSignal) => Promise<void>;
}): GraphqlContext {
  return async (request) => {
    try {
      const principal = await deps.authenticate(request);
      await deps.admit?.(principal, request.hangUp);
      const context = deps.contexts({ principal, requestId: request.id, marker: request.killMarker, signal: request.hangUp });
      deps.requestLog?.attach(request, context);
      return context;
    } catch (error) {
      // Apollo would prefix "Context creation failed:" and answer 500; map it here instead.
      if (isDomainError(error)) throw toGraphQLError(error);
      request.log.error({ err: error, requestId: request.id }, 'context creation failed');
      throw internalError(request.id);
    }
  };
}
