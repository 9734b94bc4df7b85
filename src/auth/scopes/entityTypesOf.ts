import { isUnionType, valueFromASTUntyped, type FieldNode, type GraphQLNamedType, type GraphQLSchema } from 'graphql';
import { badInput } from '../../lib/DomainError.js';

/** The federation field that fetches entities by representation (added by @apollo/subgraph). */
export const ENTITIES_FIELD = '_entities';

/**
 * The entity types an `_entities` selection fetches, from its `representations` argument (a
 * literal or a variable). Each representation must be an object whose `__typename` names an
 * entity type of the schema (a member of `_Entity`), else BAD_USER_INPUT naming it: the
 * subgraph library would otherwise fail inside execution.
 */
export function entityTypesOf(schema: GraphQLSchema, field: FieldNode, variables: Readonly<Record<string, unknown>>): GraphQLNamedType[] {
  const union = schema.getType('_Entity');
  const entities = new Map((isUnionType(union) ? union.getTypes() : []).map((t) => [t.name, t] as const));
  const arg = field.arguments?.find((a) => a.name.value === 'representations');
  const value: unknown = arg ? valueFromASTUntyped(arg.value, variables) : [];
  // a single value where a list is expected is coerced to a list of one, as graphql-js does
  const list: unknown[] = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  const found = new Map<string, GraphQLNamedType>();
  list.forEach((rep, i) => {
    const typename = rep !== null && typeof rep === 'object' && !Array.isArray(rep) ? (rep as Record<string, unknown>).__typename : undefined;
    if (typeof typename !== 'string') throw badInput(`representations[${i}] must be an object with a __typename`, `representations[${i}]`);
    const type = entities.get(typename);
    if (!type) throw badInput(`representations[${i}].__typename is not an entity type of this schema`, `representations[${i}].__typename`);
    found.set(typename, type);
  });
  return [...found.values()];
}
