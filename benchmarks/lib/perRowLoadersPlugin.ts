import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../../src/context.js';

/**
 * The batching scenario's "one query per row" arm, without a second resolver set: at the start
 * of each request it caps every DataLoader of the context at one key per batch, so each parent
 * row costs its own statement (the N+1 a loader-less resolver would issue). Touches DataLoader's
 * `_maxBatchSize`, which DataLoader reads on every load; benchmarks only.
 */
export function perRowLoadersPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      for (const loader of Object.values(contextValue.loaders as Record<string, unknown>)) {
        if (loader && typeof loader === 'object' && '_maxBatchSize' in loader) {
          (loader as { _maxBatchSize: number })._maxBatchSize = 1;
        }
      }
    },
  };
}
