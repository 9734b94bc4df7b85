import { randomBytes } from 'node:crypto';
import type { Gateway } from '../gateway/createGateway.js';
import type { IdentitySnapshot } from '../gateway/identity/IdentitySnapshot.js';
import type { KillSwitch } from '../killSwitch/createKillSwitch.js';
import { createAuthenticator, type Authenticate } from './createAuthenticator.js';
import { createClientIpResolver, type ClientIpResolver } from './createClientIpResolver.js';
import { createIdentityStore, type IdentityStore } from './createIdentityStore.js';
import { createLastUseTracker, type LastUseTracker } from './createLastUseTracker.js';
import { createTokenService, type TokenService } from './createTokenService.js';

export interface IdentityOptions {
  /** AUTH_TOKEN_SECRET; unset = random per process (tokens die on restart and differ per instance) */
  tokenSecret?: string;
  tokenTtlS: number;
  trustedProxies: readonly string[];
  pollMs: number;
  lastUseFlushMs: number;
}

export interface Identity {
  readonly store: IdentityStore;
  readonly tokens: TokenService;
  readonly lastUse: LastUseTracker;
  readonly ips: ClientIpResolver;
  readonly authenticate: Authenticate;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Everything identity needs for one process: the polled identity cache (whose newly suspended
 * clients it hands to the kill switch), tokens, last-use batching and the authenticator.
 */
export function createIdentity(deps: {
  gateway: Pick<Gateway, 'identity' | 'actingUsers' | 'lastUse'>;
  /** the kill switch; its snapshot is this identity's store (wired by the composition root) */
  killSwitch: KillSwitch;
  options: IdentityOptions;
  clock?: () => Date;
  log?: { warn(obj: unknown, msg?: string): void; error(obj: unknown, msg?: string): void };
  /** told about every snapshot swap (the instance reporter) */
  onReload?: (snapshot: IdentitySnapshot) => void;
}): Identity {
  const clock = deps.clock ?? (() => new Date());
  const { options } = deps;
  const onError = (err: unknown) => deps.log?.error({ err }, 'identity background task failed');
  const store = createIdentityStore({
    source: deps.gateway.identity,
    clock,
    pollMs: options.pollMs,
    onError,
    onSuspended: (ids) => deps.killSwitch.onSuspended(ids),
    onReload: deps.onReload,
  });
  const tokens = createTokenService({ secret: options.tokenSecret ?? randomBytes(32).toString('hex'), ttlS: options.tokenTtlS, clock });
  const lastUse = createLastUseTracker({ write: deps.gateway.lastUse, flushMs: options.lastUseFlushMs, onError });
  const ips = createClientIpResolver(options.trustedProxies);
  const authenticate = createAuthenticator({ identity: store, tokens, lastUse, actingUsers: deps.gateway.actingUsers, killSwitch: deps.killSwitch, clock });
  return {
    store,
    tokens,
    lastUse,
    ips,
    authenticate,
    async start() {
      if (!options.tokenSecret) {
        deps.log?.warn({}, 'AUTH_TOKEN_SECRET is not set: OAuth tokens are signed with a random per-process secret (development only)');
      }
      await store.start();
      lastUse.start();
    },
    async stop() {
      await store.stop();
      await lastUse.stop();
    },
  };
}
