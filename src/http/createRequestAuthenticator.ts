import type { FastifyRequest } from 'fastify';
import type { Authenticate as AuthenticateCredentials } from '../auth/createAuthenticator.js';
import type { ClientIpResolver } from '../auth/createClientIpResolver.js';
import { CSRF_HEADER, SESSION_COOKIE, sessionEnded, type AuthenticateSession } from '../auth/createSessionAuthenticator.js';
import type { Principal } from '../auth/Principal.js';
import { parseCookies } from '../lib/cookies.js';
import { isDomainError } from '../lib/DomainError.js';
import type { RequestLog } from './requestLog/createRequestLog.js';

/** Turns a request's credentials into a Principal, or throws DomainError(UNAUTHENTICATED / FORBIDDEN / CLIENT_SUSPENDED ...). */
export type Authenticate = (request: FastifyRequest) => Promise<Principal>;

/** Counts one refused request by client (0 when the credential was not recognised) and code: the rejection metrics. */
export type CountRejection = (clientId: number, code: string) => void;

/**
 * The edge's adapter from a Fastify request to src/auth's authenticator: the Authorization and
 * X-Acting-User headers, and the client address through TRUSTED_PROXIES. Tells the integration
 * log who called (or which code refused them), and the rejection metrics every refusal. Without an
 * Authorization header, a console session cookie (with its X-CSRF-Token header) is the credential;
 * those requests are not integration traffic and stay out of the integration log (their changes are
 * in the security log).
 */
export function createRequestAuthenticator(deps: {
  authenticate: AuthenticateCredentials;
  ips: ClientIpResolver;
  requestLog?: RequestLog;
  countRejection?: CountRejection;
  sessions?: AuthenticateSession;
}): Authenticate {
  return async (request) => {
    const csrf = request.headers[CSRF_HEADER];
    const sessionToken = deps.sessions && !request.headers.authorization ? parseCookies(request.headers.cookie).get(SESSION_COOKIE) : undefined;
    // the console always sends its CSRF header: without a session cookie it is a console user not (or no longer) signed in
    if (deps.sessions && !request.headers.authorization && (sessionToken || csrf !== undefined)) {
      deps.requestLog?.ignore(request);
      if (!sessionToken) throw sessionEnded();
      return deps.sessions({ token: sessionToken, csrfToken: Array.isArray(csrf) ? csrf[0] : csrf });
    }
    const ip = deps.ips.resolve(request.socket.remoteAddress ?? request.ip, request.headers['x-forwarded-for']);
    const acting = request.headers['x-acting-user'];
    let identified = 0;
    try {
      const principal = await deps.authenticate({
        authorization: request.headers.authorization,
        ip,
        actingUser: Array.isArray(acting) ? acting[0] : acting,
        onIdentified: (clientId, keyId) => {
          identified = clientId;
          deps.requestLog?.noteCaller(request, { ip, clientId, keyId });
        },
      });
      deps.requestLog?.noteCaller(request, { ip, clientId: principal.clientId, keyId: principal.keyId });
      return principal;
    } catch (error) {
      const code = isDomainError(error) ? error.code : 'INTERNAL_SERVER_ERROR';
      deps.requestLog?.noteCaller(request, { ip, errorCode: code });
      if (isDomainError(error)) deps.countRejection?.(identified, code);
      throw error;
    }
  };
}
