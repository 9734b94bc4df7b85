import { Kind, type DocumentNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/** True when the operation selects __schema or __type anywhere, or the subgraph's `_service { sdl }` (fragments visited once each). */
export function selectsIntrospection(document: DocumentNode, operation: OperationDefinitionNode): boolean {
  const fragments = new Map<string, SelectionSetNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d.selectionSet);
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode): boolean => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        if (s.name.value === '__schema' || s.name.value === '__type' || s.name.value === '_service') return true;
        if (s.selectionSet && walk(s.selectionSet)) return true;
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        if (walk(s.selectionSet)) return true;
      } else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        const f = fragments.get(s.name.value);
        if (f && walk(f)) return true;
      }
    }
    return false;
  };
  return walk(operation.selectionSet);
}
