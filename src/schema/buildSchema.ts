import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse, type GraphQLSchema } from 'graphql';
import { loadTypeDefs } from './loadTypeDefs.js';

/**
 * The executable schema: schema/*.graphql as an Apollo Federation v2 subgraph (entities with
 * @key, `_entities` and `_service` added). main.ts passes the resolvers; the CLI builds it
 * without them to price operations, and from another directory to check a schema change.
 */
export function buildSchema(resolvers: object = {}, dir?: string): GraphQLSchema {
  return buildSubgraphSchema([{ typeDefs: parse(loadTypeDefs(dir).join('\n')), resolvers: resolvers as GraphQLResolverMap<unknown> }]);
}
