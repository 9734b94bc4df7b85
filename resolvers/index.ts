import { adminResolvers } from './admin/index.js';
import { domainMutations } from './Mutation/index.js';
import { auditLog } from './query/auditLog.js';
import { readResolvers } from './readResolvers.js';

/**
 * The resolver map for makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers }).
 * Each room contributes its own map; Query and Mutation are merged field by field.
 */
export const resolvers = {
  ...readResolvers,
  ...adminResolvers,
  Query: { ...readResolvers.Query, ...adminResolvers.Query, auditLog },
  Mutation: { ...adminResolvers.Mutation, ...domainMutations },
};
