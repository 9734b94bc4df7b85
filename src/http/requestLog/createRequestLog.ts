import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/Principal.js';
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
  rows: number;
  cost: number;
}

export interface RequestLog {
  /** Fastify hooks: start the clock on /graphql, queue the row when the response is sent. */
  register(app: FastifyInstance): void;
  /** Called by the authenticating edge once the caller is known (or failed, with its code). */
  noteCaller(request: FastifyRequest, caller: { principal?: Principal; clientId?: number; keyId?: number; ip: string; errorCode?: string }): void;
  /** Apollo plugin: operation name and hash, the first error code and the actual cost. */
  plugin<C extends BaseContext & { principal: Principal }>(): ApolloServerPlugin<C>;
  /** Adds rows returned by a statement to the request of this principal (a StatementObserver). */
  observerFor(principal: Principal): { onStatement(e: { rows: number }): void };
}

/**
 * The integration log's read side of a request: one row per /graphql request (client, key,
 * operation name + sha256, HTTP status, error code, duration, rows, cost, client IP), handed to
 * the writer's queue. Per-request state hangs off the request and principal objects (WeakMaps),
 * never off a caller-chosen request id.
 */
export function createRequestLog(writer: RequestLogWriter, clock: () => Date, path = '/graphql'): RequestLog {
  const byRequest = new WeakMap<FastifyRequest, Pending>();
  const byPrincipal = new WeakMap<Principal, Pending>();

  const pendingOf = (request: FastifyRequest): Pending => {
    let p = byRequest.get(request);
    if (!p) {
      p = { start: performance.now(), clientId: 0, keyId: 0, ip: request.ip, operationName: null, operationHash: null, errorCode: null, rows: 0, cost: 0 };
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
          operation_hash: p.operationHash,
          status: reply.statusCode,
          error_code: p.errorCode,
          duration_ms: Math.round(performance.now() - p.start),
          rows: p.rows,
          cost: Math.round(p.cost),
          client_ip: p.ip.slice(0, 64),
          created_at: toSqlDateTime(clock()),
        });
      });
    },
    noteCaller(request, caller) {
      const p = pendingOf(request);
      p.ip = caller.ip;
      if (caller.clientId !== undefined) p.clientId = caller.clientId;
      if (caller.keyId !== undefined) p.keyId = caller.keyId;
      if (caller.principal) {
        p.clientId = caller.principal.clientId;
        p.keyId = caller.principal.keyId;
        byPrincipal.set(caller.principal, p);
      }
      if (caller.errorCode) p.errorCode = caller.errorCode;
    },
    plugin<C extends BaseContext & { principal: Principal }>(): ApolloServerPlugin<C> {
      return {
        async requestDidStart({ contextValue }) {
          const p = byPrincipal.get(contextValue.principal);
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
              const result = response.body.singleResult;
              const code = result.errors?.[0]?.extensions?.code;
              if (typeof code === 'string') p.errorCode = code;
              const cost = (result.extensions?.cost as { actualQueryCost?: unknown } | undefined)?.actualQueryCost;
              if (typeof cost === 'number') p.cost = cost;
            },
          };
        },
      };
    },
    observerFor(principal) {
      return {
        onStatement(e) {
          const p = byPrincipal.get(principal);
          if (p) p.rows += e.rows;
        },
      };
    },
  };
}
