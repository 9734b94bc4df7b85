import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../src/lib/cursor.js';
import { DomainError } from '../../src/lib/DomainError.js';

const badInputOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof DomainError ? { code: e.code, field: e.field } : { code: 'other' };
  }
  return null;
};

describe('cursor codec', () => {
  it('round-trips a keyset key and is opaque base64url', () => {
    const c = encodeCursor('apt.time', ['2026-03-01 09:00:00', 42]);
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(c).not.toContain('2026');
    expect(decodeCursor(c, 'apt.time', ['string', 'number'] as const)).toEqual(['2026-03-01 09:00:00', 42]);
  });

  it.each([
    ['not base64', '!!!'],
    ['empty', ''],
    ['base64 of non-JSON', Buffer.from('hello').toString('base64url')],
    ['JSON of an object', Buffer.from('{"a":1}').toString('base64url')],
    ['wrong arity', encodeCursor('apt.time', [42])],
    ['wrong types', encodeCursor('apt.time', [42, 'x'])],
    ['another ordering', encodeCursor('apt.changed', ['2026-03-01 09:00:00', 42])],
    ['unsafe integer', Buffer.from('["apt.time","x",1e300]').toString('base64url')],
    ['too long', 'A'.repeat(600)],
  ])('rejects %s as BAD_USER_INPUT on the after field', (_name, cursor) => {
    expect(badInputOf(() => decodeCursor(cursor, 'apt.time', ['string', 'number'] as const))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });
});
