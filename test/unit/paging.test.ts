import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/lib/DomainError.js';
import { buildPage, checkRange, createPagingLimits, pageSize } from '../../src/services/paging.js';

describe('paging', () => {
  const limits = createPagingLimits();

  it('defaults first to 50 and accepts 1..500', () => {
    expect(pageSize(undefined, limits)).toBe(50);
    expect(pageSize(null, limits)).toBe(50);
    expect(pageSize(1, limits)).toBe(1);
    expect(pageSize(500, limits)).toBe(500);
  });

  it.each([0, -1, 501, 2.5])('rejects first = %s with BAD_USER_INPUT on field first', (first) => {
    try {
      pageSize(first, limits);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('BAD_USER_INPUT');
      expect((e as DomainError).field).toBe('first');
    }
  });

  it('builds a page from size+1 rows: the extra row only signals hasNextPage', () => {
    const page = buildPage(
      [1, 2, 3],
      2,
      true,
      (n) => ({ n }),
      (n) => `c${n}`,
    );
    expect(page.nodes).toEqual([{ n: 1 }, { n: 2 }]);
    expect(page.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: true, startCursor: 'c1', endCursor: 'c2' });
    const last = buildPage(
      [1],
      2,
      false,
      (n) => n,
      (n) => `c${n}`,
    );
    expect(last.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false, startCursor: 'c1', endCursor: 'c1' });
    const empty = buildPage(
      [],
      2,
      false,
      (n) => n,
      (n) => `c${n}`,
    );
    expect(empty.pageInfo.endCursor).toBeNull();
  });

  it('rejects an inverted range naming to', () => {
    expect(() => checkRange('2026-02-01', '2026-01-01')).toThrow(DomainError);
    expect(() => checkRange('2026-01-01', '2026-01-01')).not.toThrow();
  });
});
