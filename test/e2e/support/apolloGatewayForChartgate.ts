import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { GraphQLError } from 'graphql';
import { addCost, type ChartgateCost } from './chartgateCost.js';

/** One gateway request: the caller's credential in, what chartgate said about throttling and cost out. */
export interface GatewayContext {
  authorization?: string;
  retryAfter?: string;
  cost?: ChartgateCost;
}

type DataSource = RemoteGraphQLDataSource<GatewayContext>;

/**
 * The data source docs/gateways.md recommends for Apollo Gateway: forward the caller's
 * credential; keep chartgate's error code when it answers a refusal with a 4xx status (the gateway
 * would otherwise report a bare "400: Bad Request"); and bring Retry-After and extensions.cost back
 * to the request's context, for the plugin below to put on the gateway's response.
 */
class ChartgateDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  /** what a refused fetch's body said about cost, until didEncounterError hands it to the request */
  private readonly refusedCost = new WeakMap<Error, unknown>();

  override willSendRequest({ request, context }: Parameters<NonNullable<DataSource['willSendRequest']>>[0]) {
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
  }

  override didReceiveResponse({ response, context }: Parameters<NonNullable<DataSource['didReceiveResponse']>>[0]) {
    context.cost = addCost(context.cost, response.extensions?.cost);
    return response;
  }

  override async errorFromResponse(response: Parameters<DataSource['errorFromResponse']>[0]) {
    const body = (await response
      .clone()
      .json()
      .catch(() => null)) as { errors?: Array<{ message: string; extensions?: Record<string, unknown> }>; extensions?: Record<string, unknown> } | null;
    const first = body?.errors?.[0];
    const error = first ? new GraphQLError(first.message, { extensions: first.extensions }) : await super.errorFromResponse(response);
    this.refusedCost.set(error, body?.extensions?.cost);
    return error;
  }

  override didEncounterError(...[error, request, response, context, gatewayRequest]: Parameters<DataSource['didEncounterError']>) {
    if (context) {
      const retryAfter = response?.headers.get('retry-after');
      if (retryAfter) context.retryAfter = retryAfter;
      context.cost = addCost(context.cost, this.refusedCost.get(error));
    }
    super.didEncounterError(error, request, response, context, gatewayRequest);
  }
}

/** The gateway's own plugin: chartgate's Retry-After header and extensions.cost on the response the caller gets. */
const forwardChartgateResponse = (): ApolloServerPlugin<GatewayContext> => ({
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        if (contextValue.retryAfter) response.http.headers.set('retry-after', contextValue.retryAfter);
        if (contextValue.cost && response.body.kind === 'single') {
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, cost: contextValue.cost };
        }
      },
    };
  },
});

/** Apollo Gateway on a free port in front of the supergraph's subgraphs. */
export async function startApolloGateway(supergraphSdl: string): Promise<{ url: string; stop(): Promise<void> }> {
  const server = new ApolloServer<GatewayContext>({
    gateway: new ApolloGateway({ supergraphSdl, buildService: ({ url }) => new ChartgateDataSource({ url }) }),
    plugins: [forwardChartgateResponse()],
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    // a fresh, mutable context per request: the data source writes to it
    context: async ({ req }) => ({ authorization: req.headers.authorization }),
  });
  return { url, stop: () => server.stop() };
}
