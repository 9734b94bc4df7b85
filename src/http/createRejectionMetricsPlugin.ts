import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Principal } from '../auth/Principal.js';
import { ErrorCode } from '../lib/ErrorCode.js';
import type { CountRejection } from './createRequestAuthenticator.js';

/** Access refusals a resolver can raise while the request runs (a directory read without a read scope, a suspension mid-request). */
const ACCESS_CODES = new Set<string>([ErrorCode.UNAUTHENTICATED, ErrorCode.FORBIDDEN, ErrorCode.CLIENT_SUSPENDED, ErrorCode.API_DISABLED]);

/**
 * Counts a response whose first error is an access refusal raised during execution (it has a
 * path). Refusals before execution are counted where they are raised: authentication, the scope
 * check, the governor. Together the metrics count every refusal the integration log records.
 */
export function createRejectionMetricsPlugin<C extends BaseContext & { principal: Principal }>(countRejection: CountRejection): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const first = response.body.singleResult.errors?.[0];
          const code = first?.extensions?.code;
          if (first?.path && typeof code === 'string' && ACCESS_CODES.has(code)) countRejection(contextValue.principal.clientId, code);
        },
      };
    },
  };
}
