import { badInput } from '../lib/DomainError.js';
import type { Page } from './types.js';

/** Bounds of `first` on every connection. */
export interface PagingLimits {
  /** default 50 */
  defaultFirst: number;
  /** default 500 */
  maxFirst: number;
}

export const createPagingLimits = (opts: Partial<PagingLimits> = {}): PagingLimits =>
  Object.freeze({ defaultFirst: opts.defaultFirst ?? 50, maxFirst: opts.maxFirst ?? 500 });

/** `first` -> the page size, or BAD_USER_INPUT (extensions.field = field) outside 1..maxFirst. */
export function pageSize(first: number | null | undefined, limits: PagingLimits, field = 'first'): number {
  if (first === null || first === undefined) return limits.defaultFirst;
  if (!Number.isInteger(first) || first < 1 || first > limits.maxFirst) {
    throw badInput(`first must be between 1 and ${limits.maxFirst}`, field, { minimum: 1, maximum: limits.maxFirst });
  }
  return first;
}

/**
 * Rows fetched with LIMIT size+1 -> one page: the extra row only says that a next page exists.
 */
export function buildPage<R, T>(rows: readonly R[], size: number, hasAfter: boolean, toNode: (row: R) => T, cursorOf: (row: R) => string): Page<T> {
  const hasNextPage = rows.length > size;
  const kept = hasNextPage ? rows.slice(0, size) : rows;
  const edges = kept.map((row) => ({ cursor: cursorOf(row), node: toNode(row) }));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage,
      hasPreviousPage: hasAfter,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** `to` before `from` -> BAD_USER_INPUT naming `to`. */
export function checkRange(from: string | null | undefined, to: string | null | undefined, field = 'to'): void {
  if (from && to && to < from) throw badInput(`${field} must not be before from`, field);
}
