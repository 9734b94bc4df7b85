import type { FastifyRequest } from 'fastify';
import type { Authenticate as AuthenticateCredentials } from '../auth/createAuthenticator.js';
import type { ClientIpResolver } from '../auth/createClientIpResolver.js';
import type { Principal } from '../auth/Principal.js';
import { isDomainError } from '../lib/DomainError.js';
import type { RequestLog } from './requestLog/createRequestLog.js';

/** Turns a request's credentials into a Principal, or throws DomainError(UNAUTHENTICATED / FORBIDDEN / CLIENT_SUSPENDED ...). */
export type Authenticate = (request: FastifyRequest) => Promise<Principal>;

/** Counts one refused request by client (0 when the credential was not recognised) and code: the rejection metrics. */
export type CountRejection = (clientId: number, code: string) => void;

/**
 * The edge's adapter from a Fastify request to src/auth's authenticator: the Authorization and
 * X-Acting-User headers, and the client address through TRUSTED_PROXIES. Tells the integration
 * log who called (or which code refused them), and the rejection metrics every refusal.
 */
export function createRequestAuthenticator(deps: {
  authenticate: AuthenticateCredentials;
  ips: ClientIpResolver;
  requestLog?: RequestLog;
  countRejection?: CountRejection;
}): Authenticate {
  return async (request) => {
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
