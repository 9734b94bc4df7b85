import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';

/** A small second subgraph: an imaging service that extends Patient and points back at it. */
export const imagingTypeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { recentImages: [Image!]! }
  type Image { id: ID! kind: String! patient: Patient! }
  type Patient @key(fields: "id") { id: ID! images: [Image!]! }
`);

const imagingResolvers = {
  Query: { recentImages: () => [1, 2, 3].map((id) => ({ id: `img-${id}`, kind: 'BITEWING', patient: { id: String(id) } })) },
  Patient: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    images: (p: { id: string }) => [{ id: `img-${p.id}`, kind: 'PANORAMIC', patient: { id: p.id } }],
  },
};

/** Starts the imaging subgraph on a free port. */
export async function startImagingSubgraph(): Promise<{ url: string; stop(): Promise<void> }> {
  const server = new ApolloServer({
    schema: buildSubgraphSchema([{ typeDefs: imagingTypeDefs, resolvers: imagingResolvers as never }]),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { url, stop: () => server.stop() };
}
