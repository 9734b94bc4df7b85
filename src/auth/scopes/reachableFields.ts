import { Kind, OperationTypeNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { isDomainError } from '../../lib/DomainError.js';
import { checkScopes } from './checkScopes.js';
import { createScopeCollector } from './collectRequiredScopes.js';

/**
 * The root Query and Mutation fields a set of scopes may select, by the same collector and check
 * the scope plugin runs on every request (a field, its type and the type it returns). Federation's
 * underscore fields are left out.
 */
export function reachableFields(schema: GraphQLSchema, scopes: ReadonlySet<string>): { queries: string[]; mutations: string[] } {
  const collect = createScopeCollector(schema);
  const reachable = (operation: OperationTypeNode): string[] => {
    const root = schema.getRootType(operation);
    if (!root) return [];
    return Object.keys(root.getFields())
      .filter((name) => !name.startsWith('_'))
      .filter((name) => {
        const node: OperationDefinitionNode = {
          kind: Kind.OPERATION_DEFINITION,
          operation,
          selectionSet: { kind: Kind.SELECTION_SET, selections: [{ kind: Kind.FIELD, name: { kind: Kind.NAME, value: name } }] },
        };
        try {
          checkScopes(collect(node, {}), scopes);
          return true;
        } catch (e) {
          if (isDomainError(e)) return false;
          throw e;
        }
      })
      .sort();
  };
  return { queries: reachable(OperationTypeNode.QUERY), mutations: reachable(OperationTypeNode.MUTATION) };
}
