import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import type { Config } from '../config/Config.js';
import type { Db } from '../db/createDb.js';
import { createSqlRunner } from '../db/SqlRunner.js';
import type { Principal } from '../auth/Principal.js';
import { createIdentity, type Identity } from '../auth/createIdentity.js';
import { revokeAccessToken } from '../services/clients/revokeAccessToken.js';
import { createRequestAuthenticator } from './createRequestAuthenticator.js';
import { createScopePlugin } from './createScopePlugin.js';
import { registerOAuthRoutes } from './oauthRoutes.js';
import { createRequestLog, type RequestLog } from './requestLog/createRequestLog.js';
import { createRequestLogWriter, type RequestLogWriter } from './requestLog/createRequestLogWriter.js';

export interface IdentityEdge {
  readonly identity: Identity;
  /** null when REQUEST_LOG_ENABLED=false */
  readonly requestLog: RequestLog | null;
  readonly requestLogWriter: RequestLogWriter | null;
  /** createServer's `authenticate` */
  authenticate(request: FastifyRequest): Promise<Principal>;
  /** createServer's `plugins`: the scope check, then the integration log */
  plugins<C extends BaseContext & { principal: Principal }>(): ApolloServerPlugin<C>[];
  /** createServer's `configureApp`: OAuth routes and the log's hooks */
  configureApp(app: FastifyInstance): Promise<void>;
  /** a StatementObserver counting rows into the integration log (null when the log is off) */
  observerFor(principal: Principal): { onStatement(e: { rows: number }): void } | undefined;
  /** loads the identity cache and starts the pollers and writers */
  start(): Promise<void>;
  /** flushes the integration log and last-use times, stops the timers */
  stop(): Promise<void>;
}

/**
 * Everything the identity room adds to the HTTP edge, built once per server by main.ts:
 * authentication (keys, OAuth tokens, IPs, kill switches), the whole-operation scope check,
 * POST /oauth/token + /oauth/revoke, and the integration log.
 */
export function createIdentityEdge(deps: { config: Config; db: Db; schema: GraphQLSchema; clock?: () => Date; log?: { warn(o: unknown, m?: string): void; error(o: unknown, m?: string): void } }): IdentityEdge {
  const clock = deps.clock ?? (() => new Date());
  const { auth } = deps.config;
  const runner = createSqlRunner(deps.db, { clientId: 0, requestId: 'chartgate-identity' });
  const identity = createIdentity({
    db: deps.db,
    runner,
    clock,
    log: deps.log,
    options: { tokenSecret: auth.tokenSecret, tokenTtlS: auth.tokenTtlS, trustedProxies: auth.trustedProxies, pollMs: auth.pollMs, lastUseFlushMs: auth.lastUseFlushMs },
  });
  const writer = auth.requestLogEnabled
    ? createRequestLogWriter({
        db: deps.db.interactive,
        runner: createSqlRunner(deps.db, { clientId: 0, requestId: 'chartgate-request-log' }),
        clock,
        flushMs: auth.requestLogFlushMs,
        maxBatch: auth.requestLogBatch,
        retentionDays: auth.requestLogRetentionDays,
        onError: (err) => deps.log?.error({ err }, 'integration log write failed'),
      })
    : null;
  const requestLog = writer ? createRequestLog(writer, clock) : null;
  const authenticate = createRequestAuthenticator({ authenticate: identity.authenticate, ips: identity.ips, requestLog: requestLog ?? undefined });

  return {
    identity,
    requestLog,
    requestLogWriter: writer,
    authenticate,
    plugins<C extends BaseContext & { principal: Principal }>() {
      return [createScopePlugin<C>(deps.schema), ...(requestLog ? [requestLog.plugin<C>()] : [])];
    },
    async configureApp(app) {
      requestLog?.register(app);
      await registerOAuthRoutes(app, {
        identity: identity.store,
        tokens: identity.tokens,
        ips: identity.ips,
        clock,
        async revokeToken(jti, expiresAtMs) {
          await revokeAccessToken(deps.db.interactive, runner, clock, jti, expiresAtMs);
          identity.store.noteRevokedToken(jti, expiresAtMs);
        },
      });
    },
    observerFor(principal) {
      return requestLog?.observerFor(principal);
    },
    async start() {
      await identity.start();
      writer?.start();
    },
    async stop() {
      await identity.stop();
      await writer?.stop();
    },
  };
}
