import { GraphQLError } from 'graphql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../auth/Principal.js';
import type { RequestContext } from '../context.js';
import type { Db } from '../db/createDb.js';
import { createSqlRunner, type StatementObserver } from '../db/SqlRunner.js';
import { createLoaders } from '../loaders/createLoaders.js';
import { createServices, type CreateServicesOptions } from '../services/createServices.js';
import { isDomainError } from '../lib/DomainError.js';
import { ErrorCode } from '../lib/ErrorCode.js';
import { INTERNAL_MESSAGE, toGraphQLError } from './formatError.js';

/**
 * Turns a request's credentials into a Principal, or throws DomainError(UNAUTHENTICATED /
 * FORBIDDEN / CLIENT_SUSPENDED ...). Injected by main.ts (src/auth provides the real one).
 */
export type Authenticate = (request: FastifyRequest) => Promise<Principal>;

/** Per-request options for the SqlRunner, supplied by the governor (deadline, cost observer). */
export type RunnerOptionsFor = (args: { request: FastifyRequest; principal: Principal; requestId: string }) =>
  { deadlineMs?: number; observer?: StatementObserver; admit?: () => void } | undefined;

export interface ContextBuilderDeps {
  db: Db;
  authenticate: Authenticate;
  runnerOptions?: RunnerOptionsFor;
  /** the services' clock; default () => new Date() */
  clock?: () => Date;
  /** admin service options (KEY_ROTATION_GRACE_S); defaults in src/services/clients/ClientsDeps.ts */
  clients?: CreateServicesOptions['clients'];
}

/** The per-request context function Apollo's Fastify integration calls. */
export type BuildContext = (request: FastifyRequest, reply: FastifyReply) => Promise<RequestContext>;

/** Builds the per-request context: request id, principal, SqlRunner, services and loaders. */
export function createContextBuilder(deps: ContextBuilderDeps): BuildContext {
  const clock = deps.clock ?? (() => new Date());
  return async function buildContext(request: FastifyRequest, _reply: FastifyReply): Promise<RequestContext> {
    const requestId = request.id;
    try {
      const principal = await deps.authenticate(request);
      const extra = deps.runnerOptions?.({ request, principal, requestId }) ?? {};
      const runner = createSqlRunner(deps.db, { clientId: principal.clientId, requestId, ...extra });
      const services = createServices({ db: deps.db, runner, principal, requestId, clock, clients: deps.clients });
      const loaders = createLoaders(services);
      return { requestId, principal, services, loaders } as RequestContext;
    } catch (error) {
      // Apollo would prefix "Context creation failed:" and answer 500; map it here instead.
      if (isDomainError(error)) throw toGraphQLError(error);
      request.log.error({ err: error, requestId }, 'context creation failed');
      throw new GraphQLError(INTERNAL_MESSAGE, {
        extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, http: { status: 500 }, requestId },
      });
    }
  };
}
