import {
  getNamedType,
  isAbstractType,
  isLeafType,
  isNonNullType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

/**
 * A selection set of every field of `type`, recursively, with `__typename` on every object so a
 * test can tell each row's type. A type already on the path is selected as a leaf (`__typename`
 * and `id`), so cycles (Patient.guarantor, Appointment.patient) end; `edges` is skipped where
 * `nodes` holds the same rows. Fields with required arguments are skipped (none nested today).
 * `alias` prefixes every field but `id` (the members of a union).
 */
export function selectEverything(schema: GraphQLSchema, type: GraphQLNamedType, path: readonly string[] = [], alias = ''): string {
  if (isLeafType(type)) return '';
  if (isAbstractType(type)) {
    const members = schema.getPossibleTypes(type);
    // sibling fragments may not select one name with two types: alias each member's fields by its type
    return `{ __typename ${members.map((m) => `... on ${m.name} ${selectEverything(schema, m, path, `${m.name}_`)}`).join(' ')} }`;
  }
  const object = type as GraphQLObjectType;
  const fields = Object.values(object.getFields());
  if (path.includes(object.name)) return `{ __typename${fields.some((f) => f.name === 'id') ? ' id' : ''} }`;
  const next = [...path, object.name];
  const hasNodes = fields.some((f) => f.name === 'nodes');
  const parts = fields
    .filter((f) => !(hasNodes && f.name === 'edges'))
    .filter((f: GraphQLField<unknown, unknown>) => !f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined))
    .map((f) => {
      const named = getNamedType(f.type);
      const name = alias && f.name !== 'id' ? `${alias}${f.name}: ${f.name}` : f.name;
      return isLeafType(named) ? name : `${name} ${selectEverything(schema, named, next)}`;
    });
  return `{ __typename ${parts.join(' ')} }`;
}

/** Every object in a response tree, with the JSON path it sits at. */
export function objectsIn(value: unknown, at = '$'): Array<{ at: string; object: Record<string, unknown> }> {
  if (Array.isArray(value)) return value.flatMap((v, i) => objectsIn(v, `${at}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  const object = value as Record<string, unknown>;
  return [{ at, object }, ...Object.entries(object).flatMap(([k, v]) => objectsIn(v, `${at}.${k}`))];
}
