import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IdentityStore } from '../auth/createIdentityStore.js';
import type { TokenService } from '../auth/createTokenService.js';
import type { ClientIpResolver } from '../auth/createClientIpResolver.js';
import { isKeyUsable } from '../gateway/identity/IdentitySnapshot.js';
import type { KillSwitch } from '../killSwitch/createKillSwitch.js';
import { isKeyPrefix } from '../lib/apiKeyFormat.js';
import { DUMMY_SECRET_HASH, secretMatches } from '../lib/hashSecret.js';

export interface OAuthRoutesDeps {
  identity: IdentityStore;
  tokens: TokenService;
  ips: ClientIpResolver;
  killSwitch: Pick<KillSwitch, 'assertAdmitted'>;
  clock: () => Date;
  /** records a revoked jti in gw_revoked_token (and tells the other instances) */
  revokeToken(jti: string, expiresAtMs: number): Promise<void>;
}

type Form = Record<string, string>;

/**
 * OAuth 2.0 client credentials (RFC 6749 section 4.4) and token revocation (RFC 7009).
 * client_id is an API key's prefix (`cg_3f9a1c2b`) and client_secret the rest of that key
 * after the second underscore, sent with HTTP Basic or in the form body. Tokens are HS256
 * JWTs (AUTH_TOKEN_TTL_S) carrying a subset of the client's scopes; they die with the key.
 */
export async function registerOAuthRoutes(app: FastifyInstance, deps: OAuthRoutesDeps): Promise<void> {
  await app.register(async (scope) => {
    // RFC 6749 requires application/x-www-form-urlencoded; accepted only on these routes
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });

    const oauthError = (reply: FastifyReply, status: number, error: string, description: string) => {
      void reply.code(status).header('cache-control', 'no-store').header('pragma', 'no-cache');
      if (status === 401) void reply.header('www-authenticate', 'Basic realm="chartgate"');
      return reply.send({ error, error_description: description });
    };

    const admitted = (client: Parameters<OAuthRoutesDeps['killSwitch']['assertAdmitted']>[0]) => {
      try {
        deps.killSwitch.assertAdmitted(client, client.scopes.has('admin'));
        return true;
      } catch {
        return false;
      }
    };

    /** RFC 6749 2.3.1: Basic credentials are form-encoded first; malformed escapes make the request malformed */
    const formDecode = (text: string): string | null => {
      try {
        return decodeURIComponent(text.replace(/\+/g, ' '));
      } catch {
        return null;
      }
    };

    /** client authentication: Basic header or form fields, never both (RFC 6749 2.3.1); 'malformed' answers invalid_request */
    const authenticateClient = (request: FastifyRequest, form: Form) => {
      const basic = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? '');
      let id = form.client_id;
      let secret = form.client_secret;
      if (basic) {
        if (form.client_secret !== undefined) return null;
        const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon < 0) return null;
        const [basicId, basicSecret] = [formDecode(decoded.slice(0, colon)), formDecode(decoded.slice(colon + 1))];
        if (basicId === null || basicSecret === null) return 'malformed' as const;
        id = basicId;
        secret = basicSecret;
      }
      const snap = deps.identity.current();
      const key = id && isKeyPrefix(id) ? snap.keysByPrefix.get(id) : undefined;
      const ok = secretMatches(secret ?? '', key?.secretHash ?? DUMMY_SECRET_HASH);
      if (!ok || !key || !isKeyUsable(key, deps.clock().getTime())) return null;
      const client = snap.clients.get(key.clientId);
      if (!client || !admitted(client)) return null;
      const ip = deps.ips.resolve(request.socket.remoteAddress ?? request.ip, request.headers['x-forwarded-for']);
      if (!client.ipAllowList.allows(ip)) return null;
      return { key, client };
    };

    scope.post('/oauth/token', async (request, reply) => {
      const form = (request.body ?? {}) as Form;
      if (typeof form !== 'object' || !request.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
        return oauthError(reply, 400, 'invalid_request', 'send application/x-www-form-urlencoded');
      }
      const caller = authenticateClient(request, form);
      if (caller === 'malformed') return oauthError(reply, 400, 'invalid_request', 'malformed percent-encoding in the Basic credentials');
      if (!caller) return oauthError(reply, 401, 'invalid_client', 'client authentication failed');
      if (form.grant_type !== 'client_credentials') {
        return oauthError(reply, 400, form.grant_type ? 'unsupported_grant_type' : 'invalid_request', 'only grant_type=client_credentials is supported');
      }
      const requested = form.scope === undefined ? [...caller.client.scopes] : form.scope.split(' ').filter((s) => s.length > 0);
      const notHeld = requested.filter((s) => !caller.client.scopes.has(s));
      if (notHeld.length > 0 || requested.length === 0) {
        return oauthError(reply, 400, 'invalid_scope', notHeld.length > 0 ? `not granted to this client: ${notHeld.join(' ')}` : 'empty scope');
      }
      const { token } = await deps.tokens.issue({ clientId: caller.client.id, keyId: caller.key.id, scopes: requested });
      return reply
        .header('cache-control', 'no-store')
        .header('pragma', 'no-cache')
        .send({ access_token: token, token_type: 'Bearer', expires_in: deps.tokens.ttlS, scope: requested.join(' ') });
    });

    scope.post('/oauth/revoke', async (request, reply) => {
      const form = (request.body ?? {}) as Form;
      const caller = authenticateClient(request, form);
      if (caller === 'malformed') return oauthError(reply, 400, 'invalid_request', 'malformed percent-encoding in the Basic credentials');
      if (!caller) return oauthError(reply, 401, 'invalid_client', 'client authentication failed');
      if (!form.token) return oauthError(reply, 400, 'invalid_request', 'token is required');
      // RFC 7009 2.2: 200 whether or not the token was valid; only the owner's tokens are revoked
      const claims = await deps.tokens.verify(form.token, { allowExpired: true });
      if (claims && claims.clientId === caller.client.id && claims.expiresAt > deps.clock().getTime()) {
        await deps.revokeToken(claims.jti, claims.expiresAt);
      }
      return reply.header('cache-control', 'no-store').code(200).send({});
    });
  });
}
