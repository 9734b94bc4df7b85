import { badInput } from '../src/lib/DomainError.js';

/** A GraphQL ID argument -> the numeric key, or BAD_USER_INPUT naming the argument. */
export function toId(value: string | number, field: string): number {
  const n = typeof value === 'number' ? value : /^\d{1,15}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) throw badInput(`${field} must be a positive integer id`, field);
  return n;
}

/** An optional ID argument (absent or null -> null). */
export const toOptionalId = (value: string | number | null | undefined, field: string): number | null =>
  value === null || value === undefined ? null : toId(value, field);
