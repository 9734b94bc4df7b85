import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway';
import type { ExecutionResult } from 'graphql';
import { addCost, type ChartgateCost } from './chartgateCost.js';

const isSingle = (r: unknown): r is ExecutionResult => !!r && typeof r === 'object' && !(Symbol.asyncIterator in r);

/**
 * The Hive Gateway plugin docs/gateways.md recommends: chartgate's extensions.cost, added up over
 * every fetch of one request, on the response the caller gets.
 */
function useChartgateCost(subgraph = 'chartgate'): GatewayPlugin {
  const costs = new WeakMap<object, ChartgateCost>();
  return {
    onSubgraphExecute({ subgraphName, executionRequest }) {
      const context = executionRequest.context as object | undefined;
      if (subgraphName !== subgraph || !context) return;
      return ({ result }) => {
        const cost = isSingle(result) ? addCost(costs.get(context), result.extensions?.cost) : undefined;
        if (cost) costs.set(context, cost);
      };
    },
    onExecute({ args }) {
      return {
        onExecuteDone({ result, setResult }) {
          const cost = costs.get(args.contextValue as object);
          if (cost && isSingle(result)) setResult({ ...result, extensions: { ...result.extensions, cost } });
        },
      };
    },
  };
}

/** Hive Gateway, in this process, in front of the supergraph's subgraphs: forwards Authorization in and Retry-After out. */
export function createHiveGateway(supergraph: string) {
  return createGatewayRuntime({
    supergraph,
    logging: false,
    propagateHeaders: {
      // chartgate governs each client: the caller's own credential, never the gateway's
      fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') }),
      fromSubgraphsToClient: ({ response }) => ({ 'retry-after': response.headers.get('retry-after') }),
    },
    plugins: () => [useChartgateCost()],
  });
}
