import type { Page } from './types.js';
import { buildPage } from './paging.js';

/**
 * Rows of several parents (ordered by parent, then sort key, LIMIT size+1 per parent) -> one
 * page per requested parent; parents without rows get an empty page.
 */
export function groupPages<R, T>(
  parentIds: readonly number[],
  rows: readonly R[],
  parentOf: (row: R) => number,
  size: number,
  hasAfter: boolean,
  toNode: (row: R) => T,
  cursorOf: (row: R) => string,
): Map<number, Page<T>> {
  const byParent = new Map<number, R[]>();
  for (const row of rows) {
    const key = parentOf(row);
    const list = byParent.get(key);
    if (list) list.push(row);
    else byParent.set(key, [row]);
  }
  return new Map(parentIds.map((id) => [id, buildPage(byParent.get(id) ?? [], size, hasAfter, toNode, cursorOf)]));
}
