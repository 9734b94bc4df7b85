import type { Principal } from '../auth/Principal.js';
import { badInput, DomainError, notFound } from '../lib/DomainError.js';
import { ErrorCode } from '../lib/ErrorCode.js';
import { isValidDate } from '../lib/dates.js';
import { centsToMoney, toCents } from '../lib/money.js';

/** Rules every write service shares: visibility, versions, input checks, change lists. */

/** A row in a clinic this client may not see is reported exactly like a missing one. */
export function requireVisible(principal: Principal, clinicNum: number, what: string, id: number, allowNoClinic = false): void {
  if (principal.clinicIds === null) return;
  if (allowNoClinic && Number(clinicNum) === 0) return;
  if (!principal.clinicIds.has(Number(clinicNum))) throw notFound(what, id);
}

/** Optimistic concurrency: the caller read version `expected`; anything else means it changed since. */
export function requireVersion(what: string, id: number, current: number, expected: number | null | undefined): void {
  if (expected === null || expected === undefined) return;
  if (Number(current) !== expected) {
    throw new DomainError(ErrorCode.CONFLICT, `${what} ${id} changed since version ${expected} (now ${current})`, {
      field: 'input.expectedVersion',
      details: { id: String(id), currentVersion: Number(current), expectedVersion: expected },
    });
  }
}

/** C0 controls but tab, newline and return, DEL, and UTF-16 halves without their other half. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNPRINTABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Trimmed text of at most `max` characters (pass the column's length, src/db/columnLengths.ts, so
 * what passes always fits; JavaScript counts UTF-16 units, never fewer than the database's
 * characters). Control characters and broken surrogates are refused: they would be stored
 * altered, and they multiply in the security log's JSON.
 */
export function requireText(value: string | null | undefined, field: string, max: number, required = true): string | undefined {
  if (value === null || value === undefined) {
    if (required) throw badInput(`${field} is required`, field);
    return undefined;
  }
  if (UNPRINTABLE.test(value)) throw badInput(`${field} contains control characters or invalid Unicode`, field);
  const v = value.trim();
  if (required && v.length === 0) throw badInput(`${field} must not be empty`, field);
  if (v.length > max) throw badInput(`${field} is longer than ${max} characters`, field, { maximum: max });
  return v;
}

/** The earliest date a practice row may carry: earlier ones read back as "none" (Open Dental's 0001-01-01, see toDateOrNull). */
const EARLIEST_DATE = '1880-01-01';

/** A stored date: a calendar date YYYY-MM-DD from 1880-01-01 on. */
export function requireDate(value: string | null | undefined, field: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (!isValidDate(value)) throw badInput(`${field} must be a date YYYY-MM-DD`, field);
  if (value < EARLIEST_DATE) throw badInput(`${field} must not be before ${EARLIEST_DATE}`, field);
  return value;
}

const MONEY_INPUT = /^\d{1,10}(\.\d{1,2})?$/;

/** A positive money string with at most two decimals -> whole cents (never a float). */
export function requireAmount(value: string | null | undefined, field: string, allowZero = false): bigint {
  if (value === null || value === undefined) throw badInput(`${field} is required`, field);
  const v = String(value).trim();
  if (!MONEY_INPUT.test(v)) throw badInput(`${field} must be a non-negative amount with at most two decimals, e.g. "125.50"`, field);
  const cents = toCents(v);
  if (!allowZero && cents <= 0n) throw badInput(`${field} must be more than 0`, field);
  return cents;
}

export const money = (cents: bigint): string => centsToMoney(cents);

/** { column: [before, after] } of the columns whose value changed. */
export function changesOf<T extends Record<string, unknown>>(before: T | null, after: Partial<T>, columns: readonly (keyof T & string)[]) {
  const out: Record<string, [unknown, unknown]> = {};
  for (const c of columns) {
    if (!(c in after)) continue;
    const b = before ? (before[c] ?? null) : null;
    const a = after[c] ?? null;
    if (String(b) !== String(a)) out[c] = [b, a];
  }
  return out;
}
