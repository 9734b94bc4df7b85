import { randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';

export interface AccessTokenClaims {
  readonly clientId: number;
  readonly keyId: number;
  readonly scopes: readonly string[];
  readonly jti: string;
  /** ms since epoch */
  readonly expiresAt: number;
}

export interface TokenService {
  readonly ttlS: number;
  issue(input: { clientId: number; keyId: number; scopes: readonly string[] }): Promise<{ token: string; claims: AccessTokenClaims }>;
  /** null for anything not signed by us, expired (unless allowExpired) or malformed */
  verify(token: string, opts?: { allowExpired?: boolean }): Promise<AccessTokenClaims | null>;
}

const ISSUER = 'chartgate';
const AUDIENCE = 'chartgate-api';

/** OAuth access tokens: HS256 JWTs with sub = client id, key = the key that obtained them, scope, jti. */
export function createTokenService(opts: { secret: string; ttlS: number; clock: () => Date }): TokenService {
  const key = new TextEncoder().encode(opts.secret);
  return {
    ttlS: opts.ttlS,
    async issue({ clientId, keyId, scopes }) {
      const nowS = Math.floor(opts.clock().getTime() / 1000);
      const jti = randomUUID();
      const token = await new SignJWT({ scope: scopes.join(' '), key: keyId })
        .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setSubject(String(clientId))
        .setIssuedAt(nowS)
        .setExpirationTime(nowS + opts.ttlS)
        .setJti(jti)
        .sign(key);
      return { token, claims: { clientId, keyId, scopes, jti, expiresAt: (nowS + opts.ttlS) * 1000 } };
    },
    async verify(token, verifyOpts = {}) {
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: ['HS256'],
          issuer: ISSUER,
          audience: AUDIENCE,
          currentDate: opts.clock(),
          ...(verifyOpts.allowExpired ? { clockTolerance: 10 * 365 * 86_400 } : {}),
        });
        const clientId = Number(payload.sub);
        const keyId = Number(payload.key);
        if (!Number.isInteger(clientId) || !Number.isInteger(keyId) || typeof payload.jti !== 'string' || typeof payload.exp !== 'number') return null;
        const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ').filter((s) => s.length > 0) : [];
        return { clientId, keyId, scopes, jti: payload.jti, expiresAt: payload.exp * 1000 };
      } catch {
        return null;
      }
    },
  };
}
