import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Kind, type FragmentDefinitionNode, type GraphQLSchema } from 'graphql';
import type { Principal } from '../auth/Principal.js';
import { createScopeCollector } from '../auth/scopes/collectRequiredScopes.js';
import { checkScopes } from '../auth/scopes/checkScopes.js';
import { isDomainError } from '../lib/DomainError.js';
import type { CountRejection } from './createRequestAuthenticator.js';

/**
 * Scope check of the whole operation before anything executes: one missing scope rejects it
 * all with FORBIDDEN and extensions.missingScopes. Runs in didResolveOperation (per request,
 * after validation), so it sees the operation actually chosen by operationName. Each refusal is
 * counted in the rejection metrics.
 */
export function createScopePlugin<C extends BaseContext & { principal: Principal }>(
  schema: GraphQLSchema,
  countRejection?: CountRejection,
): ApolloServerPlugin<C> {
  const collect = createScopeCollector(schema);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, contextValue, request }) {
          if (!operation) return; // Apollo has already refused a document without the named operation
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
          try {
            checkScopes(collect(operation, fragments, request.variables ?? {}), contextValue.principal.scopes);
          } catch (error) {
            if (isDomainError(error)) countRejection?.(contextValue.principal.clientId, error.code);
            throw error;
          }
        },
      };
    },
  };
}
