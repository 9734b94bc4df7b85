import { createRequire } from 'node:module';
import type * as QueryComplexity from 'graphql-query-complexity';

// The package's ESM build imports 'graphql/index.mjs', a second graphql instance next to the one
// Apollo uses ("Cannot use GraphQLObjectType from another module"); its CommonJS build shares ours.
const lib = createRequire(import.meta.url)('graphql-query-complexity') as typeof QueryComplexity;

export const getComplexity = lib.getComplexity;
export type { ComplexityEstimator } from 'graphql-query-complexity';
