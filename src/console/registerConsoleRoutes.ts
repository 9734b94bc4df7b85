import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { domainErrorBody, routeErrorBody, sendErrorBody } from '../http/renderError.js';
import { isDomainError } from '../lib/DomainError.js';
import { ErrorCode, httpStatusOf } from '../lib/ErrorCode.js';
import type { ConsoleLogin, IssuedSession } from './createConsoleLogin.js';
import type { ConsoleAssets } from './loadConsoleAssets.js';
import { sendAsset } from './sendAsset.js';
import { sessionTokenOf, setSessionCookies } from './sessionCookies.js';

export interface ConsoleRoutesDeps {
  assets: ConsoleAssets;
  login: ConsoleLogin;
  /** the caller's address through TRUSTED_PROXIES (the sign-in limits count per address) */
  ipOf: (request: FastifyRequest) => string;
  /** CONSOLE_SESSION_TTL_S */
  sessionTtlS: number;
  /** production serves no GraphiQL */
  production: boolean;
}

const notBuilt = (reply: FastifyReply) =>
  sendErrorBody(reply, 503, routeErrorBody(ErrorCode.INTERNAL_SERVER_ERROR, 'The console is not built: run npm run build (npm install does it)'));

/** A DomainError (or anything else, masked) from the sign-in routes, in the one error shape. */
function sendFailure(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  if (!isDomainError(error)) {
    request.log.error({ err: error, requestId: request.id }, 'console sign-in failed');
    return sendErrorBody(reply, 500, routeErrorBody(ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error', { requestId: request.id }));
  }
  const retry = error.details?.retryAfterSeconds;
  if (typeof retry === 'number') void reply.header('retry-after', String(retry));
  return sendErrorBody(reply, httpStatusOf[error.code], domainErrorBody(error));
}

const sessionBody = (s: IssuedSession) => ({ csrfToken: s.csrfToken, expiresAt: s.expiresAt, user: s.user });

/**
 * The console's HTTP side: the built app at /admin (any /admin/... path that is not a file is the
 * app's own route), GraphiQL at GET /graphql for browsers outside production, and the three
 * routes GraphQL cannot serve because they set cookies: sign-in, its TOTP step, sign-out.
 * Register it before the integration log, so an IDE page load is never logged as a request.
 */
export function registerConsoleRoutes(app: FastifyInstance, deps: ConsoleRoutesDeps): void {
  if (!deps.production) {
    app.addHook('onRequest', async (request, reply) => {
      if (request.method !== 'GET' || request.url.split('?')[0] !== '/graphql' || !String(request.headers.accept ?? '').includes('text/html')) return;
      const page = deps.assets.get('graphiql.html');
      if (!page) return notBuilt(reply);
      return sendAsset(request, reply, page);
    });
  }

  const app_ = (request: FastifyRequest<{ Params: { '*'?: string } }>, reply: FastifyReply) => {
    const path = request.params['*'] ?? '';
    if (path === 'api' || path.startsWith('api/')) {
      return sendErrorBody(reply, 404, routeErrorBody(ErrorCode.NOT_FOUND, `No route ${request.method} /admin/${path}`));
    }
    if (!deps.assets.built) return notBuilt(reply);
    const asset = deps.assets.get(path) ?? (path.startsWith('assets/') ? undefined : deps.assets.get('index.html'));
    if (!asset) return sendErrorBody(reply, 404, routeErrorBody(ErrorCode.NOT_FOUND, `No console file /admin/${path}`));
    return sendAsset(request, reply, asset);
  };
  app.get('/admin', app_);
  app.get('/admin/*', app_);

  app.post('/admin/api/login', async (request, reply) => {
    try {
      const body = (request.body ?? {}) as { userName?: unknown; password?: unknown };
      const result = await deps.login.login(body, deps.ipOf(request), request.id);
      if (result.kind === 'totpRequired') {
        setSessionCookies(request, reply, { token: result.token, maxAgeS: result.maxAgeS });
        return reply.send({ totpRequired: true });
      }
      setSessionCookies(request, reply, { token: result.session.token, csrfToken: result.session.csrfToken, maxAgeS: deps.sessionTtlS });
      return reply.send(sessionBody(result.session));
    } catch (error) {
      return sendFailure(request, reply, error);
    }
  });

  app.post('/admin/api/totp', async (request, reply) => {
    try {
      const body = (request.body ?? {}) as { code?: unknown };
      const session = await deps.login.totp(sessionTokenOf(request), body.code, deps.ipOf(request), request.id);
      setSessionCookies(request, reply, { token: session.token, csrfToken: session.csrfToken, maxAgeS: deps.sessionTtlS });
      return reply.send(sessionBody(session));
    } catch (error) {
      return sendFailure(request, reply, error);
    }
  });

  // the CSRF header is not checked here: SameSite=Strict keeps other sites' requests cookie-less, and signing out is harmless
  app.post('/admin/api/logout', async (request, reply) => {
    try {
      await deps.login.logout(sessionTokenOf(request), request.id);
      setSessionCookies(request, reply, { token: '', csrfToken: '', maxAgeS: 0 });
      return reply.send({ signedOut: true });
    } catch (error) {
      return sendFailure(request, reply, error);
    }
  });
}
