import { Kind, type DocumentNode, type SelectionSetNode } from 'graphql';
import { tooComplex } from './tooComplex.js';

/**
 * The number of selection nodes (fields, inline fragments, spreads) the operation would have with
 * every fragment expanded — so it bounds every later walk of the expansion — computed in
 * time linear in the document: each fragment's size is computed once and reused (so a doubling
 * fan-out is a multiplication, never a walk). A fragment cycle is rejected.
 */
export function measureExpandedSize(document: DocumentNode, root: SelectionSetNode): number {
  const fragments = new Map<string, SelectionSetNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d.selectionSet);
  const sizes = new Map<string, number>();
  const visiting = new Set<string>();

  const sizeOf = (set: SelectionSetNode): number => {
    let n = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) n += 1 + (s.selectionSet ? sizeOf(s.selectionSet) : 0);
      else if (s.kind === Kind.INLINE_FRAGMENT) n += 1 + sizeOf(s.selectionSet);
      else n += 1 + fragmentSize(s.name.value);
    }
    return n;
  };
  const fragmentSize = (name: string): number => {
    const known = sizes.get(name);
    if (known !== undefined) return known;
    if (visiting.has(name)) throw tooComplex('fragmentCycle', 1, 0, `Fragment ${name} spreads itself`);
    const set = fragments.get(name);
    if (!set) return 0; // unknown fragments are validation's to report
    visiting.add(name);
    const size = sizeOf(set);
    visiting.delete(name);
    sizes.set(name, size);
    return size;
  };
  return sizeOf(root);
}
