/**
 * The composition root: builds every per-process part from the configuration and an open
 * database and wires them together. The only module that knows every part; everything
 * per-process is built here and passed down, everything per-request comes from src/context.ts.
 */
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyBaseLogger } from 'fastify';
import { Registry } from 'prom-client';
import { resolvers } from '../resolvers/index.js';
import { domainMutations } from '../resolvers/Mutation/index.js';
import { loadAuditKey } from './audit/loadAuditKey.js';
import { createSecurityLog, type SecurityLog } from './audit/SecurityLog.js';
import { createIdentity, type Identity } from './auth/createIdentity.js';
import { createInstanceReporter, type InstanceReporter } from './auth/createInstanceReporter.js';
import { createSessionAuthenticator } from './auth/createSessionAuthenticator.js';
import type { Config } from './config/Config.js';
import { adminSettingsOf } from './config/adminSettingsOf.js';
import { mountConsole } from './console/mountConsole.js';
import { createRequestContextFactory, type RequestContext, type RequestContextFactory } from './context.js';
import type { Db, DbLoad } from './db/Db.js';
import { systemRunner } from './db/SqlRunner.js';
import { createEntityReader } from './events/createEntityReader.js';
import { createDispatcherThread } from './events/createDispatcherThread.js';
import { createEventMetrics } from './events/createEventMetrics.js';
import { createWebhookPolicy } from './events/createWebhookPolicy.js';
import { createWebhookRuntime, type WebhookRuntime, type WebhookRuntimeDeps } from './events/createWebhookRuntime.js';
import { createGateway, type Gateway } from './gateway/createGateway.js';
import { createPersistedQueryCache } from './governor/certification/createPersistedQueryCache.js';
import { createGovernor, type Governor } from './governor/createGovernor.js';
import { createGraphqlContext } from './http/createGraphqlContext.js';
import { createIdempotencyPlugin } from './http/createIdempotencyPlugin.js';
import { createMetricsServer, type MetricsServer } from './http/createMetricsServer.js';
import { createRejectionMetricsPlugin } from './http/createRejectionMetricsPlugin.js';
import { createRequestAuthenticator, type Authenticate, type CountRejection } from './http/createRequestAuthenticator.js';
import { createScopePlugin } from './http/createScopePlugin.js';
import { createServer, type ChartgateServer } from './http/createServer.js';
import { registerOAuthRoutes } from './http/oauthRoutes.js';
import { createRequestLog } from './http/requestLog/createRequestLog.js';
import { createRequestLogWriter, type RequestLogWriter } from './http/requestLog/createRequestLogWriter.js';
import { createKillSwitch, type KillSwitch } from './killSwitch/createKillSwitch.js';
import { createRedisKillSwitchBus } from './redis/createRedisKillSwitchBus.js';
import { createRedisLink } from './redis/createRedisLink.js';
import { buildSchema } from './schema/buildSchema.js';

export { openDb } from './db/openDb.js';

/** A module next to this one, as this one was loaded: .ts from the sources (tsx), .js from dist. */
const siblingModule = (name: string): URL => new URL(`./${name}${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

export interface BuildServerOverrides {
  /** replaces src/auth's authenticator (tests) */
  authenticate?: Authenticate;
  /** Apollo plugins added after the edge's own */
  plugins?: ApolloServerPlugin<RequestContext>[];
  /** every part's clock; default () => new Date() */
  clock?: () => Date;
  /** replaces the database's load probe (tests inject strain) */
  loadProbe?: () => Promise<DbLoad>;
  /** the webhook sender, retry jitter and dispatcher timer (tests) */
  webhooks?: Pick<WebhookRuntimeDeps, 'sender' | 'random' | 'pollMs'>;
  /** the console sign-in's waits (tests record them instead of waiting) */
  loginDelay?: (ms: number) => Promise<void>;
}

/** A running chartgate: the server plus the parts tests and the serve command drive directly. */
export interface Chartgate extends ChartgateServer {
  readonly identity: Identity;
  /** null when REQUEST_LOG_ENABLED=false */
  readonly requestLog: RequestLogWriter | null;
  readonly contexts: RequestContextFactory;
  readonly killSwitch: KillSwitch;
  readonly gateway: Gateway;
  readonly governor: Governor;
  readonly securityLog: SecurityLog;
  /** Prometheus metrics on their own port (METRICS_PORT), listening while the server listens */
  readonly metrics: Pick<MetricsServer, 'url'>;
  /** the webhook dispatcher (its timer runs unless WEBHOOKS_DISPATCHER_ENABLED=false; on a thread of its own unless WEBHOOKS_DISPATCHER_THREAD=false) and the admin service's policy */
  readonly webhooks: WebhookRuntime;
  /** this process's identity report to the console (tests call report()) */
  readonly instances: InstanceReporter;
}

/** Builds the server from a config and an open database; used by `serve`, the benchmarks and the e2e tests. */
export async function buildServer(config: Config, db: Db, overrides: BuildServerOverrides = {}): Promise<Chartgate> {
  const clock = overrides.clock ?? (() => new Date());
  const schema = buildSchema(resolvers);
  let log: FastifyBaseLogger | undefined;
  const logger = {
    info: (o: unknown, m?: string) => log?.info(o, m),
    warn: (o: unknown, m?: string) => log?.warn(o, m),
    error: (o: unknown, m?: string) => log?.error(o, m),
  };

  const gateway = createGateway(db, clock, config.idempotency);
  const namespace = createHash('sha256').update(db.identity).digest('hex').slice(0, 12);
  const registry = new Registry();
  const metrics = createMetricsServer(registry, {
    ...config.metrics,
    requestTimeoutMs: config.http.requestTimeoutMs,
    headersTimeoutMs: config.http.headersTimeoutMs,
  });
  // the parts tell each other through late-bound holders: the kill switch reads the identity snapshot and
  // drops the governor's waiting statements; identity hands the kill switch newly suspended clients
  const holder: { identity?: Identity; governor?: Governor } = {};
  // AUDIT_KEY, or outside production a per-install key next to the embedded database (docs/audit.md)
  const securityLog = createSecurityLog(loadAuditKey({ key: config.audit.key, dataDir: dirname(config.db.sqliteFile), create: true }));
  await securityLog.seal(db, clock);
  const redis = config.governor.redisUrl
    ? createRedisLink({
        url: config.governor.redisUrl,
        onChange(up, err) {
          holder.governor?.metrics.redis(up);
          // once per change, not per request: the governor runs on per-instance state meanwhile
          if (up) logger.warn({}, 'Redis is reachable again: budgets, in-flight caps and kill-switch events are shared again');
          else
            logger.warn(
              { err },
              `Redis is unreachable: the governor ${config.governor.redisFailure === 'open' ? 'uses per-instance budgets and caps' : 'answers OVERLOADED'} until it returns`,
            );
        },
      })
    : undefined;
  const killSwitch = createKillSwitch({
    db,
    snapshot: () => holder.identity!.store.current(),
    bus: redis ? createRedisKillSwitchBus(redis, namespace, (err) => logger.warn({ err }, 'kill-switch event failed')) : undefined,
    onSwitchedOff({ clientId, reason }) {
      holder.identity?.store.markSuspended(clientId, reason);
      holder.governor?.dropClient(clientId);
    },
    onError: (err) => logger.warn({ err }, 'kill switch: ending a switched-off client failed'),
  });
  const instances = createInstanceReporter({
    store: gateway.instances,
    clock,
    heartbeatMs: config.console.instanceHeartbeatMs,
    onError: (err) => logger.error({ err }, 'instance report failed'),
  });
  const identity = createIdentity({
    gateway,
    killSwitch,
    clock,
    log: logger,
    onReload: (snapshot) => instances.noteSnapshot(snapshot),
    options: {
      tokenSecret: config.auth.tokenSecret,
      tokenTtlS: config.auth.tokenTtlS,
      trustedProxies: config.auth.trustedProxies,
      pollMs: config.auth.pollMs,
      lastUseFlushMs: config.auth.lastUseFlushMs,
    },
  });
  const writer = config.auth.requestLogEnabled
    ? createRequestLogWriter({
        sink: gateway.requestLog,
        clock,
        flushMs: config.auth.requestLogFlushMs,
        maxBatch: config.auth.requestLogBatch,
        retentionDays: config.auth.requestLogRetentionDays,
        onError: (err) => logger.error({ err }, 'integration log write failed'),
      })
    : null;
  const requestLog = writer ? createRequestLog(writer, clock) : null;

  holder.identity = identity;
  const live = identity;
  const governor = createGovernor({
    config: config.governor,
    poolSize: config.db.poolReporting,
    queueLimit: config.db.reportingQueue,
    schema,
    db: overrides.loadProbe ? { sampleLoad: overrides.loadProbe } : db,
    clientOf: (clientId) => live.store.current().clients.get(clientId),
    operations: gateway.operations,
    registry,
    redis,
    // the practice database's identity, without credentials: instances on one database share buckets
    namespace,
    onError: (err) => logger.warn({ err }, 'governor: a strain reading or a log-mode operation failed'),
  });
  holder.governor = governor;

  const webhookRunner = systemRunner(db, 'chartgate-webhooks');
  const eventMetrics = createEventMetrics(registry, () => gateway.deliveries(webhookRunner).backlog());
  // on MariaDB/MySQL the dispatcher gets a thread of its own; tests that drive it (overrides.webhooks) keep it on this loop
  const webhooks: WebhookRuntime =
    config.webhooks.dispatcherThread && db.dialect === 'mysql' && !overrides.webhooks
      ? createDispatcherThread({
          entry: siblingModule('webhookThread'),
          config,
          policy: createWebhookPolicy(config.webhooks),
          metrics: eventMetrics,
          log: logger,
          hasWork: () => gateway.webhooks(webhookRunner, securityLog).anyActive(),
        })
      : createWebhookRuntime({
          config: config.webhooks,
          gateway,
          runner: webhookRunner,
          securityLog,
          metrics: eventMetrics,
          clock,
          log: logger,
          // full payloads: the entity read as the subscriber, through the same request contexts as GraphQL
          readEntity: createEntityReader((principal) => contexts({ principal, requestId: 'webhook-payload' }).services),
          ...overrides.webhooks,
        });
  const contexts = createRequestContextFactory({
    db,
    clock,
    admin: {
      gateway,
      killSwitch,
      ...adminSettingsOf(config),
      afterChange: () => live.store.refresh(),
      webhooks: webhooks.policy,
      budgetOf: (clientId) => governor.budgetOf(clientId),
      verifySecurityLog: () => securityLog.verify(db),
      instanceHeartbeatMs: config.console.instanceHeartbeatMs,
    },
    recordOutcome: (trx, runner, claim, outcome) => gateway.idempotency.record(trx, runner, claim, outcome),
    securityLog,
    contributors: [
      // a suspension noticed mid-request stops the request's next statement, not only its next request
      (principal) => ({ admit: () => killSwitch.assertActive(principal.clientId) }),
      (principal) => governor.contribute(principal),
    ],
  });
  const sessions = createSessionAuthenticator({ sessions: gateway.adminSessions, clock, idleTimeoutS: config.console.sessionIdleS });
  // every refusal the integration log records is counted in chartgate_rejections_total (the governor counts its own)
  const countRejection: CountRejection = (clientId, code) => governor.metrics.rejected(String(clientId), code);
  const authenticate =
    overrides.authenticate ??
    createRequestAuthenticator({ authenticate: live.authenticate, ips: live.ips, requestLog: requestLog ?? undefined, countRejection, sessions });

  const server = await createServer({
    config,
    db,
    schema,
    introspection: 'per-client',
    // certified operations answer by hash alone from the first request, on every instance
    persistedQueries: createPersistedQueryCache({
      documentByHash: (hash) => gateway.operations.documentByHash(hash),
      epoch: () => live.store.current().clients,
    }),
    context: createGraphqlContext({
      authenticate,
      contexts,
      requestLog: requestLog ?? undefined,
      admit: (principal, signal) => governor.admitRequest(principal, signal),
    }),
    killRequest: (marker) => killSwitch.killRequest(marker),
    sharedState: { status: () => ({ redis: redis ? (redis.isUp() ? 'up' : 'down') : 'unused', servesWithoutIt: config.governor.redisFailure === 'open' }) },
    // Idempotency-Key claims run after every plugin's didResolveOperation (scopes, cost) accepted the request
    plugins: [
      createScopePlugin<RequestContext>(schema, countRejection),
      createRejectionMetricsPlugin<RequestContext>(countRejection),
      ...(requestLog ? [requestLog.plugin()] : []),
      governor.plugin<RequestContext>(),
      createIdempotencyPlugin(gateway.idempotency, { replayable: new Set(Object.keys(domainMutations)), log: logger }),
      ...(overrides.plugins ?? []),
    ],
    configureApp: async (app) => {
      log = app.log;
      // keys past their retention are deleted hourly (an expired key also counts as new when it is seen)
      const prune = () => gateway.idempotency.prune().catch((err) => logger.error({ err }, 'idempotency pruning failed'));
      void prune();
      const pruning = setInterval(prune, 3_600_000);
      pruning.unref();
      // flush the integration log and last-use times after in-flight requests finish
      app.addHook('onClose', async () => {
        clearInterval(pruning);
        await instances.stop().catch((err) => logger.warn({ err }, 'removing the instance report failed'));
        await live.stop();
        await writer?.stop();
        await governor.close();
        await webhooks.stop();
        await redis?.close();
        await metrics.close();
      });
      await live.start();
      await instances.start();
      writer?.start();
      await redis?.ready(2000);
      governor.start();
      if (config.webhooks.dispatcherEnabled) webhooks.start();
      // before the integration log's hooks: the console's own page loads are not integration requests
      mountConsole(app, {
        config,
        db,
        gateway,
        securityLog,
        clock,
        ipOf: (request) => live.ips.resolve(request.socket.remoteAddress ?? request.ip, request.headers['x-forwarded-for']),
        onError: (err) => logger.error({ err }, 'console sign-in background write failed'),
        delay: overrides.loginDelay,
      });
      requestLog?.register(app);
      await registerOAuthRoutes(app, {
        identity: live.store,
        tokens: live.tokens,
        ips: live.ips,
        killSwitch,
        clock,
        async revokeToken(jti, expiresAtMs) {
          await gateway.revokeToken(jti, expiresAtMs);
          live.store.noteRevokedToken(jti, expiresAtMs);
        },
      });
    },
  });
  const listenPublic = server.listen.bind(server);
  // the metrics listener opens with the public one (never for inject-only servers); a busy METRICS_PORT stops start-up
  const listen = async () => {
    const url = await listenPublic();
    await metrics.listen().catch(async (error: unknown) => {
      await server.close();
      throw error;
    });
    return url;
  };
  return Object.assign(server, {
    listen,
    identity: live,
    requestLog: writer,
    contexts,
    killSwitch,
    gateway,
    governor,
    securityLog,
    metrics: { url: metrics.url },
    webhooks,
    instances,
  });
}
