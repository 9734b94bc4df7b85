import { randomUUID } from 'node:crypto';
import { ApolloServer, type ApolloServerPlugin, type PersistedQueryOptions } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import type { Config } from '../config/Config.js';
import type { RequestContext } from '../context.js';
import { maxLength } from '../db/columnLengths.js';
import type { Db } from '../db/createDb.js';
import { ErrorCode } from '../lib/ErrorCode.js';
import { createLogger } from './createLogger.js';
import { createEdgePlugin } from './createEdgePlugin.js';
import type { GraphqlContext } from './createGraphqlContext.js';
import { registerRequestLifecycle } from './killMarker.js';
import { knownOperationTypesRule } from './knownOperationTypesRule.js';
import { registerCharsetCheck } from './registerCharsetCheck.js';
import { registerDrain } from './registerDrain.js';
import { registerHealthRoutes, type SharedStateHealth } from './registerHealthRoutes.js';
import { formatError, routeErrorBody, sendEdgeError, sendErrorBody } from './renderError.js';

export interface CreateServerOptions {
  config: Config;
  db: Db;
  /** the executable schema (main.ts builds it from schema/*.graphql and resolvers/) */
  schema: GraphQLSchema;
  /** per-request context: authentication, then the request-context factory (./createGraphqlContext.ts) */
  context: GraphqlContext;
  /** extra Apollo plugins (governor, request log...), run after the edge's own */
  plugins?: ApolloServerPlugin<RequestContext>[];
  /** hooks on the Fastify instance before /graphql is added (e.g. an OAuth token route) */
  configureApp?: (app: FastifyInstance) => void | Promise<void>;
  /** what /readyz reports of Redis */
  sharedState?: SharedStateHealth;
  /** ends a hung-up request's statements by its kill marker (the kill switch's killRequest) */
  killRequest?: (marker: string) => Promise<unknown>;
  /** 'per-client': a plugin (the governor) grants introspection client by client; default: outside production only */
  introspection?: 'per-client';
  /** where persisted-query hashes resolve (certified operations); default Apollo's in-memory cache */
  persistedQueries?: PersistedQueryOptions['cache'];
}

export interface ChartgateServer {
  readonly app: FastifyInstance;
  readonly apollo: ApolloServer<RequestContext>;
  /** listens on config.http.host:port and returns the base URL (http://host:port) */
  listen(): Promise<string>;
  /**
   * Graceful stop: new requests answer 503 SHUTTING_DOWN, running ones get `graceMs` (default
   * SHUTDOWN_GRACE_MS) to finish before their connections are cut, then the server closes (the
   * onClose hooks flush the logs). A second call returns the same stop; with graceMs 0 it cuts the wait short.
   */
  close(opts?: { graceMs?: number }): Promise<void>;
}

/** A caller's X-Request-Id is reused when it is plain and fits the columns it is stamped into; otherwise a UUID is generated. */
const REQUEST_ID = new RegExp(`^[A-Za-z0-9._:-]{1,${maxLength('securitylog', 'RequestId')}}$`);

/** The HTTP edge: Fastify + Apollo on /graphql, health probes, body limit and error masking. */
export async function createServer(opts: CreateServerOptions): Promise<ChartgateServer> {
  const { config } = opts;
  const production = config.env === 'production';
  const { http } = config;
  const app = Fastify({
    loggerInstance: createLogger(config.logLevel),
    bodyLimit: http.bodyLimitBytes,
    // while closing, the drain answers in the GraphQL error shape, not Fastify's own 503
    return503OnClosing: false,
    // slow clients: a request must arrive in time, idle keep-alive sockets close, heads are bounded
    requestTimeout: http.requestTimeoutMs,
    keepAliveTimeout: http.keepAliveTimeoutMs,
    http: {
      headersTimeout: http.headersTimeoutMs,
      maxHeaderSize: http.maxHeaderBytes,
      // Node checks both timeouts only this often (default 30 s): keep it well under them
      connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(Math.min(http.headersTimeoutMs, http.requestTimeoutMs) / 2))),
    },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  const drain = registerDrain(app);
  registerRequestLifecycle(app, opts.killRequest ?? (async () => 0), (err) => app.log.warn({ err }, 'KILL QUERY after a hang-up failed'));
  registerCharsetCheck(app);
  app.setErrorHandler((error, request, reply) => sendEdgeError(error as FastifyError, request, reply, config.http.bodyLimitBytes));
  app.setNotFoundHandler((request, reply) => {
    void sendErrorBody(reply, 404, routeErrorBody(ErrorCode.NOT_FOUND, `No route ${request.method} ${request.url.split('?')[0]}`));
  });

  const apollo = new ApolloServer<RequestContext>({
    schema: opts.schema,
    nodeEnv: config.env,
    // with the governor, introspection is granted client by client (gw_client.allow_introspection)
    introspection: opts.introspection === 'per-client' || !production,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    // governor steps 3-4 (docs/architecture.md): bounded parsing and validation, before any per-request analysis
    parseOptions: { maxTokens: config.governor.maxTokens },
    validationOptions: { maxErrors: config.governor.maxValidationErrors },
    validationRules: [knownOperationTypesRule],
    maxRecursiveSelections: config.governor.maxExpandedSelections,
    // batched arrays multiply one request's cost behind a single in-flight slot: refused
    allowBatchedHttpRequests: false,
    ...(opts.persistedQueries ? { persistedQueries: { cache: opts.persistedQueries } } : {}),
    formatError,
    logger: app.log,
    // chartgate's serve command owns SIGINT/SIGTERM: Apollo's handler would stop it mid-drain and re-raise the signal
    stopOnTerminationSignals: false,
    plugins: [
      createEdgePlugin<RequestContext>(app.log),
      // no HTTP caching of patient data, and no federated traces leaking timings to gateways: both cost per field
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      // the IDE is chartgate's own GraphiQL, served from local files outside production (src/console/registerGraphiql.ts)
      ApolloServerPluginLandingPageDisabled(),
      ...(opts.plugins ?? []),
    ],
  });
  await apollo.start();

  registerHealthRoutes(app, opts.db, opts.sharedState);
  await opts.configureApp?.(app);
  const handler = fastifyApolloHandler(apollo, { context: opts.context });
  app.route({ url: '/graphql', method: ['GET', 'POST'], handler });
  // Fastify's close drains connections; Apollo's drain plugin would call app.close() again from here
  app.addHook('onClose', async () => {
    await apollo.stop();
  });
  await app.ready();

  let closing: Promise<void> | null = null;
  return {
    app,
    apollo,
    async listen() {
      await app.listen({ port: config.http.port, host: config.http.host });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : config.http.port;
      const host = config.http.host === '0.0.0.0' || config.http.host === '::' ? 'localhost' : config.http.host;
      return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    },
    close(closeOpts = {}) {
      if (closing) {
        if (closeOpts.graceMs === 0) drain.cut();
        return closing;
      }
      closing = (async () => {
        const left = await drain.begin(closeOpts.graceMs ?? config.http.shutdownGraceMs);
        if (left > 0) {
          app.log.warn({ inFlight: left }, 'shutdown grace period over: cutting the connections of requests still running');
          app.server.closeAllConnections();
        }
        await app.close();
      })();
      return closing;
    },
  };
}
