import type { Principal } from '../../src/auth/Principal.js';
import type { Authenticate } from '../../src/http/createRequestAuthenticator.js';

/** Every read scope (docs/architecture.md "Scopes"). */
const READ_SCOPES = Object.freeze(['patients:read', 'schedule:read', 'clinical:read', 'billing:read', 'reports:read'] as const);

/**
 * DEVELOPMENT/TESTS ONLY - NOT AUTHENTICATION. Every request acts as clientId 0 with all read
 * scopes and every clinic. main.ts uses src/auth's real authenticator; the e2e suites of the
 * edge and the read API pass this one to buildServer's overrides. Never wire it in production.
 */
export function createDevAuthenticator(): Authenticate {
  const principal: Principal = Object.freeze({
    clientId: 0,
    clientName: 'development (no authentication)',
    keyId: 0,
    scopes: new Set<string>(READ_SCOPES),
    clinicIds: null,
    actingUser: Object.freeze({ userNum: 0, userName: 'development' }),
  });
  return async () => principal;
}
