import { randomBytes } from 'node:crypto';
import type { Db } from '../db/createDb.js';
import type { SqlRunner } from '../db/SqlRunner.js';
import { createIdentityStore, type IdentityStore } from './createIdentityStore.js';
import { createTokenService, type TokenService } from './createTokenService.js';
import { createLastUseTracker, type LastUseTracker } from './createLastUseTracker.js';
import { createActingUserLookup } from './createActingUserLookup.js';
import { createAuthenticator, type Authenticate } from './createAuthenticator.js';
import { createClientIpResolver, type ClientIpResolver } from './createClientIpResolver.js';

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
 * Everything identity needs for one process, built by main.ts: the polled identity cache (which
 * also ends a newly suspended client's statements with KILL QUERY), tokens, last-use batching.
 */
export function createIdentity(deps: {
  db: Db;
  /** a SqlRunner for chartgate's own statements (client 0) */
  runner: SqlRunner;
  options: IdentityOptions;
  clock?: () => Date;
  log?: { warn(obj: unknown, msg?: string): void; error(obj: unknown, msg?: string): void };
}): Identity {
  const clock = deps.clock ?? (() => new Date());
  const { options } = deps;
  const onError = (err: unknown) => deps.log?.error({ err }, 'identity background task failed');
  const store = createIdentityStore({
    db: deps.db.interactive,
    runner: deps.runner,
    clock,
    pollMs: options.pollMs,
    onError,
    onSuspended: async (ids) => {
      for (const id of ids) await deps.db.killByMarker(`c=${id} `);
    },
  });
  const tokens = createTokenService({ secret: options.tokenSecret ?? randomBytes(32).toString('hex'), ttlS: options.tokenTtlS, clock });
  const lastUse = createLastUseTracker({ db: deps.db.interactive, runner: deps.runner, flushMs: options.lastUseFlushMs, onError });
  const ips = createClientIpResolver(options.trustedProxies);
  const authenticate = createAuthenticator({
    identity: store,
    tokens,
    lastUse,
    actingUsers: createActingUserLookup(deps.db.interactive, deps.runner),
    clock,
  });
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
