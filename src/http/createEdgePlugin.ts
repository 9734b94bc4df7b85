import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { FastifyBaseLogger } from 'fastify';
import { ErrorCode, httpStatusOf } from '../lib/ErrorCode.js';
import { isUnexpected, rootCause } from './renderError.js';

const KNOWN = new Set<string>(Object.values(ErrorCode));

/**
 * The edge's own Apollo plugin: logs every masked error with the request id, stamps that id on
 * the masked error, and sets the HTTP status from the error code when a response has no data
 * (errors thrown by resolvers and plugins carry no status of their own).
 */
export function createEdgePlugin<C extends BaseContext & { requestId?: string }>(log: FastifyBaseLogger): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            if (!isUnexpected(error)) continue;
            log.error({ err: rootCause(error), requestId: contextValue.requestId, operationName, path: error.path }, 'masked internal error');
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (!result.errors?.length) return;
          for (const e of result.errors) {
            if (e.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR && e.extensions.requestId === undefined && contextValue.requestId) {
              (e.extensions as Record<string, unknown>).requestId = contextValue.requestId;
            }
          }
          if (result.data !== undefined && result.data !== null) return; // partial data: 200
          const code = result.errors[0].extensions?.code;
          if (typeof code === 'string' && KNOWN.has(code)) response.http.status = httpStatusOf[code as ErrorCode];
        },
      };
    },
  };
}
