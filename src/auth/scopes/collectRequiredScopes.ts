import {
  getDirectiveValues,
  getNamedType,
  isObjectType,
  isInterfaceType,
  Kind,
  typeFromAST,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLDirective,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { ENTITIES_FIELD, entityTypesOf } from './entityTypesOf.js';

/** What an unannotated mutation field needs: deny by default, so a forgotten annotation is safe. */
const DEFAULT_MUTATION_SCOPE = 'admin';
/**
 * What reading a type without @requiresScopes needs (Clinic, Provider: directory data): any
 * `*:read` scope or admin, as the practice service enforces for `clinics` and `providers`.
 */
export const ANY_READ_SCOPE = '*:read';

export interface RequiredScopes {
  /** every scope some selected field or type requires */
  readonly scopes: ReadonlySet<string>;
  readonly isMutation: boolean;
}

/**
 * Walks one operation statically (each fragment once) and collects the @requiresScopes of every
 * selected field, of the type it is selected on, and of the type it returns; a mutation field
 * without the directive requires DEFAULT_MUTATION_SCOPE. @skip/@include are ignored on purpose
 * (a conservative over-approximation: a client never gets data by toggling a variable).
 * `_entities` needs, for every __typename among its representations, what reading that type
 * directly needs, whatever the selection (even `__typename` alone says which rows exist).
 * O(document + representations): fields are looked up, never executed.
 */
export function createScopeCollector(schema: GraphQLSchema) {
  const directive = schema.getDirective('requiresScopes');
  const cache = new WeakMap<object, readonly string[]>();

  const scopesOf = (node: GraphQLNamedType | GraphQLField<unknown, unknown>): readonly string[] => {
    if (!directive || !node.astNode) return [];
    const hit = cache.get(node);
    if (hit) return hit;
    const values = getDirectiveValues(directive as GraphQLDirective, node.astNode);
    const extensionScopes =
      'extensionASTNodes' in node
        ? (node.extensionASTNodes ?? []).flatMap((n) => (getDirectiveValues(directive, n)?.scopes as string[] | undefined) ?? [])
        : [];
    const scopes = [...((values?.scopes as string[] | undefined) ?? []), ...extensionScopes];
    cache.set(node, scopes);
    return scopes;
  };

  /** the scopes that reading `type` directly needs */
  const readScopesOf = (type: GraphQLNamedType): readonly string[] => {
    const own = scopesOf(type);
    return own.length > 0 ? own : [ANY_READ_SCOPE];
  };

  return (
    operation: OperationDefinitionNode,
    fragments: Readonly<Record<string, FragmentDefinitionNode>>,
    variables: Readonly<Record<string, unknown>> = {},
  ): RequiredScopes => {
    const required = new Set<string>();
    const visitedFragments = new Set<string>();
    const isMutation = operation.operation === 'mutation';
    const root = schema.getRootType(operation.operation);
    if (!root) return { scopes: required, isMutation };

    const walk = (parent: GraphQLCompositeType, selectionSet: SelectionSetNode, atRoot: boolean): void => {
      const parentScopes = scopesOf(parent);
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          const name = selection.name.value;
          if (name.startsWith('__')) continue; // __typename, __schema, __type: introspection policy is the governor's
          parentScopes.forEach((s) => required.add(s));
          const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
          if (!field) continue; // validation already rejected unknown fields
          const own = scopesOf(field);
          own.forEach((s) => required.add(s));
          if (atRoot && isMutation && own.length === 0) required.add(DEFAULT_MUTATION_SCOPE);
          if (atRoot && name === ENTITIES_FIELD) entityTypesOf(schema, selection, variables).forEach((t) => readScopesOf(t).forEach((s) => required.add(s)));
          const returned = getNamedType(field.type);
          scopesOf(returned).forEach((s) => required.add(s));
          if (selection.selectionSet) walk(returned as GraphQLCompositeType, selection.selectionSet, false);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          const on = selection.typeCondition ? (typeFromAST(schema, selection.typeCondition) as GraphQLCompositeType | undefined) : parent;
          if (on) walk(on, selection.selectionSet, atRoot);
        } else {
          const name = selection.name.value;
          if (visitedFragments.has(name)) continue;
          visitedFragments.add(name);
          const fragment = fragments[name];
          const on = fragment ? (typeFromAST(schema, fragment.typeCondition) as GraphQLCompositeType | undefined) : undefined;
          if (fragment && on) walk(on, fragment.selectionSet, atRoot);
        }
      }
    };
    walk(root, operation.selectionSet, true);
    return { scopes: required, isMutation };
  };
}
