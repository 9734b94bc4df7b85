import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * A validation rule: an operation whose type the schema has no root for (a `subscription` here,
 * which is not served over HTTP) is refused with GRAPHQL_VALIDATION_FAILED (400) before anything
 * runs, instead of failing inside execution.
 */
export const knownOperationTypesRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (!context.getSchema().getRootType(node.operation)) {
      context.reportError(new GraphQLError(`This server does not run ${node.operation} operations`, { nodes: node }));
    }
  },
});
