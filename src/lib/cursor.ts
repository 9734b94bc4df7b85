import { badInput } from './DomainError.js';

/** One component of a keyset sort key. */
export type CursorValue = string | number;
export type CursorKind = 'string' | 'number';

/**
 * Opaque keyset cursors: base64url of JSON `[order, ...values]`. The order tag (e.g. 'apt.time')
 * keeps a cursor from one ordering from being replayed against another.
 */
export function encodeCursor(order: string, values: readonly CursorValue[]): string {
  return Buffer.from(JSON.stringify([order, ...values]), 'utf8').toString('base64url');
}

/** Decodes a cursor made by encodeCursor for `order`, or throws BAD_USER_INPUT naming `field`. */
export function decodeCursor<T extends readonly CursorKind[]>(
  cursor: string,
  order: string,
  kinds: T,
  field = 'after',
): { [K in keyof T]: T[K] extends 'number' ? number : string } {
  const fail = () => badInput('The cursor is malformed or belongs to a different list or ordering', field);
  if (cursor.length === 0 || cursor.length > 512 || !/^[A-Za-z0-9_-]+={0,2}$/.test(cursor)) throw fail();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw fail();
  }
  if (!Array.isArray(parsed) || parsed.length !== kinds.length + 1 || parsed[0] !== order) throw fail();
  const values = parsed.slice(1);
  values.forEach((v, i) => {
    const ok = kinds[i] === 'number' ? typeof v === 'number' && Number.isSafeInteger(v) : typeof v === 'string' && v.length <= 64;
    if (!ok) throw fail();
  });
  return values as { [K in keyof T]: T[K] extends 'number' ? number : string };
}
