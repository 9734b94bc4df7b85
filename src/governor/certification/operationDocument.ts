import { createHash } from 'node:crypto';
import { Kind, print, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * One operation as a standalone document (the operation plus the fragments it reaches), printed
 * canonically, and its sha256: the identity of a certified operation, whitespace-insensitive.
 */
export function operationDocument(document: DocumentNode, operation: OperationDefinitionNode): { text: string; hash: string } {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const used = new Map<string, FragmentDefinitionNode>();
  const visit = (set: SelectionSetNode): void => {
    for (const s of set.selections) {
      if (s.kind === Kind.FRAGMENT_SPREAD) {
        const f = fragments.get(s.name.value);
        if (f && !used.has(s.name.value)) {
          used.set(s.name.value, f);
          visit(f.selectionSet);
        }
      } else if (s.selectionSet) visit(s.selectionSet);
    }
  };
  visit(operation.selectionSet);
  const sorted = [...used.values()].sort((a, b) => a.name.value.localeCompare(b.name.value));
  const text = print({ kind: Kind.DOCUMENT, definitions: [operation, ...sorted] });
  return { text, hash: createHash('sha256').update(text).digest('hex') };
}
