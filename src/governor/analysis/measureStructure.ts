import {
  Kind,
  getNamedType,
  isCompositeType,
  isObjectType,
  isInterfaceType,
  type DocumentNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

export interface Structure {
  depth: number;
  aliases: number;
  rootFields: number;
  directives: number;
  /** most times one Type.field stands on a single path */
  recursion: number;
  /** longest list literal in the document */
  longestListLiteral: number;
  /** longest `ofType` chain inside an introspection selection (__schema, __type) */
  introspectionDepth: number;
}

/** The introspection roots: their subtrees are exempt from depth and recursion, bounded by their own rule instead. */
const isIntrospectionRoot = (name: string) => name === '__schema' || name === '__type';

/**
 * One walk over the expanded operation (only after measureExpandedSize bounded it). Inside
 * `__schema` / `__type`, depth and recursion are not counted (the standard introspection query
 * nests `ofType` nine times): the `ofType` chain is measured instead, and graphql-js's own
 * validation already caps the nesting of `fields`, `interfaces`, `possibleTypes` and `inputFields`.
 * Aliases, directives and list literals count everywhere.
 */
export function measureStructure(schema: GraphQLSchema, document: DocumentNode, root: SelectionSetNode, rootType: GraphQLCompositeType): Structure {
  const fragments = new Map<string, { set: SelectionSetNode; type?: string }>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, { set: d.selectionSet, type: d.typeCondition.name.value });
  const out: Structure = { depth: 0, aliases: 0, rootFields: 0, directives: 0, recursion: 0, longestListLiteral: 0, introspectionDepth: 0 };
  const onPath = new Map<string, number>();

  const listLength = (v: ValueNode): void => {
    if (v.kind === Kind.LIST) {
      out.longestListLiteral = Math.max(out.longestListLiteral, v.values.length);
      v.values.forEach(listLength);
    } else if (v.kind === Kind.OBJECT) v.fields.forEach((f) => listLength(f.value));
  };

  /** `ofTypes`: the ofType chain so far inside an introspection selection, undefined outside one */
  const walk = (set: SelectionSetNode, type: GraphQLCompositeType, depth: number, isRoot: boolean, ofTypes?: number): void => {
    for (const s of set.selections) {
      out.directives += s.directives?.length ?? 0;
      s.directives?.forEach((d) => d.arguments?.forEach((a) => listLength(a.value)));
      if (s.kind === Kind.INLINE_FRAGMENT) {
        const t = s.typeCondition ? schema.getType(s.typeCondition.name.value) : type;
        walk(s.selectionSet, isCompositeType(t) ? t : type, depth, isRoot, ofTypes);
        continue;
      }
      if (s.kind === Kind.FRAGMENT_SPREAD) {
        const f = fragments.get(s.name.value);
        if (!f) continue;
        const t = f.type ? schema.getType(f.type) : type;
        walk(f.set, isCompositeType(t) ? t : type, depth, isRoot, ofTypes);
        continue;
      }
      if (isRoot) out.rootFields++;
      if (s.alias) out.aliases++;
      s.arguments?.forEach((a) => listLength(a.value));
      if (ofTypes === undefined) out.depth = Math.max(out.depth, depth + 1);
      if (!s.selectionSet) continue;
      if (ofTypes !== undefined || isIntrospectionRoot(s.name.value)) {
        const chain = ofTypes === undefined ? 0 : ofTypes + (s.name.value === 'ofType' ? 1 : 0);
        out.introspectionDepth = Math.max(out.introspectionDepth, chain);
        // the introspection types need no field lookups: only the chain is measured
        walk(s.selectionSet, type, depth + 1, false, chain);
        continue;
      }
      const def = isObjectType(type) || isInterfaceType(type) ? type.getFields()[s.name.value] : undefined;
      const child = def ? getNamedType(def.type) : undefined;
      const key = `${type.name}.${s.name.value}`;
      const seen = (onPath.get(key) ?? 0) + 1;
      out.recursion = Math.max(out.recursion, seen);
      onPath.set(key, seen);
      walk(s.selectionSet, child && isCompositeType(child) ? child : type, depth + 1, false);
      if (seen === 1) onPath.delete(key);
      else onPath.set(key, seen - 1);
    }
  };
  walk(root, rootType, 0, true);
  return out;
}
