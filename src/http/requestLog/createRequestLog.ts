import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RequestContext, RequestStats } from '../../context.js';
import { toSqlDateTime } from '../../lib/dates.js';
import type { RequestLogWriter } from './createRequestLogWriter.js';

/** What is known about one request so far; finished in Fastify's onResponse. */
interface Pending {
  start: number;
  clientId: number;
  keyId: number;
  ip: string;
  operationName: string | null;
  operationHash: string | null;
  errorCode: string | null;
  /** the request context's stats (rows, cost), once the context exists */
  stats: RequestStats | null;
}

export interface RequestLog {
  /** Fastify hooks: start the clock on /graphql, queue the row when the response is sent. */
  register(app: FastifyInstance): void;
  /** Called by the authenticating edge once the caller is known (or refused, with its code). */
  noteCaller(request: FastifyRequest, caller: { clientId?: number; keyId?: number; ip: string; errorCode?: string }): void;
  /** Leaves a request out of the log (console sessions: people, not integrations). */
  ignore(request: FastifyRequest): void;
  /** Links a request to its GraphQL context, whose stats the row reports (rows, cost). */
  attach(request: FastifyRequest, context: RequestContext): void;
  /** Apollo plugin: operation name and hash, and the first error code. */
  plugin(): ApolloServerPlugin<RequestContext>;
}

/**
 * The integration log's read side of a request: one row per /graphql request (client, key,
 * operation name + sha256, HTTP status, error code, duration, rows, cost, client IP), handed to
 * the writer's queue. Per-request state hangs off the request and context objects (WeakMaps),
 * never off a caller-chosen request id.
 */
export function createRequestLog(writer: RequestLogWriter, clock: () => Date, path = '/graphql'): RequestLog {
  const byRequest = new WeakMap<FastifyRequest, Pending>();
  // keyed by the context's stats object: Apollo hands plugins a shallow copy of the context, which keeps it
  const byContext = new WeakMap<RequestStats, Pending>();
  const ignored = new WeakSet<FastifyRequest>();

  const pendingOf = (request: FastifyRequest): Pending => {
    let p = byRequest.get(request);
    if (!p) {
      p = { start: performance.now(), clientId: 0, keyId: 0, ip: request.ip, operationName: null, operationHash: null, errorCode: null, stats: null };
      byRequest.set(request, p);
    }
    return p;
  };

  return {
    register(app) {
      // callback-style hooks: no promise per request on the hot path
      app.addHook('onRequest', (request, _reply, done) => {
        const q = request.url.indexOf('?');
        if ((q < 0 ? request.url : request.url.slice(0, q)) === path) pendingOf(request);
        done();
      });
      app.addHook('onResponse', (request, reply, done) => {
        done();
        const p = byRequest.get(request);
        if (!p) return;
        byRequest.delete(request);
        writer.push({
          client_id: p.clientId,
          key_id: p.keyId,
          request_id: String(request.id).slice(0, 64),
          operation_name: p.operationName?.slice(0, 200) ?? null,
          // the canonical operation hash (what certified operations are stored by), else Apollo's hash of the text
          operation_hash: p.stats?.operationHash ?? p.operationHash,
          status: reply.statusCode,
          error_code: p.errorCode,
          duration_ms: Math.round(performance.now() - p.start),
          rows: p.stats?.rows ?? 0,
          cost: Math.round(p.stats?.cost?.actual ?? 0),
          client_ip: p.ip.slice(0, 64),
          created_at: toSqlDateTime(clock()),
          db_ms: Math.round((p.stats?.dbMs.interactive ?? 0) + (p.stats?.dbMs.reporting ?? 0)),
        });
      });
    },
    noteCaller(request, caller) {
      if (ignored.has(request)) return;
      const p = pendingOf(request);
      p.ip = caller.ip;
      if (caller.clientId !== undefined) p.clientId = caller.clientId;
      if (caller.keyId !== undefined) p.keyId = caller.keyId;
      if (caller.errorCode) p.errorCode = caller.errorCode;
    },
    ignore(request) {
      ignored.add(request);
      byRequest.delete(request);
    },
    attach(request, context) {
      if (ignored.has(request)) return;
      const p = pendingOf(request);
      p.clientId = context.principal.clientId;
      p.keyId = context.principal.keyId;
      p.stats = context.stats;
      byContext.set(context.stats, p);
    },
    plugin(): ApolloServerPlugin<RequestContext> {
      return {
        async requestDidStart({ contextValue }) {
          const p = byContext.get(contextValue.stats);
          if (!p) return;
          return {
            async didResolveOperation({ operationName, queryHash }) {
              p.operationName = operationName ?? null;
              p.operationHash = queryHash ?? null;
            },
            async willSendResponse({ response, operationName, queryHash }) {
              p.operationName ??= operationName ?? null;
              p.operationHash ??= queryHash ?? null;
              if (response.body.kind !== 'single') return;
              const code = response.body.singleResult.errors?.[0]?.extensions?.code;
              if (typeof code === 'string') p.errorCode = code;
            },
          };
        },
      };
    },
  };
}
