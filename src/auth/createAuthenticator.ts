import type { ActingUserLookup } from '../gateway/identity/createActingUserLookup.js';
import { isKeyUsable, type ClientState, type IdentitySnapshot } from '../gateway/identity/IdentitySnapshot.js';
import type { KillSwitch } from '../killSwitch/createKillSwitch.js';
import { parseApiKey } from '../lib/apiKeyFormat.js';
import { DomainError } from '../lib/DomainError.js';
import { ErrorCode } from '../lib/ErrorCode.js';
import { DUMMY_SECRET_HASH, secretMatches } from '../lib/hashSecret.js';
import type { IdentityStore } from './createIdentityStore.js';
import type { LastUseTracker } from './createLastUseTracker.js';
import type { TokenService } from './createTokenService.js';
import type { Principal } from './Principal.js';

export interface AuthRequest {
  /** the Authorization header as sent */
  authorization?: string;
  /** the caller's address, already resolved through trusted proxies */
  ip: string;
  /** the X-Acting-User header, a userod UserName */
  actingUser?: string;
  /** told which client and key the credential proved, before the IP/switch/acting-user checks (the integration log) */
  onIdentified?: (clientId: number, keyId: number) => void;
}

export type Authenticate = (req: AuthRequest) => Promise<Principal>;

export interface AuthenticatorDeps {
  identity: IdentityStore;
  tokens: TokenService;
  lastUse: LastUseTracker;
  actingUsers: ActingUserLookup;
  killSwitch: KillSwitch;
  clock: () => Date;
  /** the constant-time secret check; default secretMatches (tests count its calls) */
  compareSecret?: (secret: string, storedHashHex: string) => boolean;
}

/** The one message for every bad credential: it must not say which part was wrong. */
export const UNAUTHENTICATED_MESSAGE = 'Invalid or missing credentials';

const unauthenticated = () => new DomainError(ErrorCode.UNAUTHENTICATED, UNAUTHENTICATED_MESSAGE);
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * Credentials -> Principal, entirely from the in-memory identity snapshot (no statement per
 * request, except an X-Acting-User lookup). Checks, in order: credential (API key or OAuth
 * token) -> IP allow list (FORBIDDEN) -> the kill switch (API_DISABLED for the whole API, where
 * admin-scope clients pass so they can switch it back on; CLIENT_SUSPENDED with the public reason)
 * -> acting user (FORBIDDEN).
 */
export function createAuthenticator(deps: AuthenticatorDeps): Authenticate {
  const compare = deps.compareSecret ?? secretMatches;
  const fromKey = (snap: IdentitySnapshot, presented: string, nowMs: number) => {
    const parts = parseApiKey(presented);
    const key = parts ? snap.keysByPrefix.get(parts.prefix) : undefined;
    // the same sha256 + timingSafeEqual runs whether the prefix is known, unknown or malformed
    const ok = compare(parts?.secret ?? presented, key?.secretHash ?? DUMMY_SECRET_HASH);
    if (!ok || !key || !isKeyUsable(key, nowMs)) throw unauthenticated();
    const client = snap.clients.get(key.clientId);
    if (!client) throw unauthenticated();
    return { client, keyId: key.id, scopes: client.scopes };
  };

  const fromToken = async (snap: IdentitySnapshot, token: string, nowMs: number) => {
    const claims = await deps.tokens.verify(token);
    if (!claims || snap.revokedTokens.has(claims.jti)) throw unauthenticated();
    const key = snap.keysById.get(claims.keyId);
    const client = snap.clients.get(claims.clientId);
    // a token dies with the key that obtained it
    if (!client || !key || key.clientId !== client.id || !isKeyUsable(key, nowMs)) throw unauthenticated();
    // a token never carries more than the client holds now (scopes may have been narrowed since)
    const scopes = new Set(claims.scopes.filter((s) => client.scopes.has(s)));
    return { client, keyId: key.id, scopes };
  };

  const actingUserOf = async (client: ClientState, header: string | undefined) => {
    const name = header?.trim();
    if (!name) return client.serviceUser;
    if (!client.mayActForStaff) throw new DomainError(ErrorCode.FORBIDDEN, 'This client may not act for staff users (X-Acting-User)');
    const user = await deps.actingUsers(client.id, name);
    if (!user) throw new DomainError(ErrorCode.FORBIDDEN, 'X-Acting-User is not an active staff user this client may act for');
    return user;
  };

  return async (req) => {
    const snap = deps.identity.current();
    const now = deps.clock();
    const nowMs = now.getTime();
    const m = /^Bearer[ ]+(\S+)\s*$/i.exec(req.authorization ?? '');
    const credential = m?.[1] ?? '';
    const found = m && JWT_SHAPE.test(credential) ? await fromToken(snap, credential, nowMs) : fromKey(snap, credential, nowMs);
    const { client } = found;
    req.onIdentified?.(client.id, found.keyId);

    if (!client.ipAllowList.allows(req.ip)) {
      throw new DomainError(ErrorCode.FORBIDDEN, 'Requests from this address are not allowed for this client', { details: { ip: req.ip } });
    }
    deps.killSwitch.assertAdmitted(client, found.scopes.has('admin'));
    const actingUser = await actingUserOf(client, req.actingUser);
    deps.lastUse.touch(found.keyId, now);
    return {
      clientId: client.id,
      clientName: client.name,
      keyId: found.keyId,
      scopes: found.scopes,
      clinicIds: client.clinicIds,
      actingUser,
    };
  };
}
