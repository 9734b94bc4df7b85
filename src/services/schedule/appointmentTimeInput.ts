import { badInput } from '../../lib/DomainError.js';
import { parseIsoDateTime, toSqlDateTime } from '../../lib/dates.js';

/** An appointment's start: ISO 8601 with offset, on a 5-minute boundary, as the database's UTC DATETIME. */
export function startOf(value: string): string {
  const d = parseIsoDateTime(value);
  if (!d) throw badInput('input.start must be an ISO 8601 date-time with offset, e.g. 2026-03-02T09:00:00-05:00', 'input.start');
  if (d.getUTCSeconds() !== 0 || d.getUTCMinutes() % 5 !== 0) throw badInput('input.start must be on a 5-minute boundary', 'input.start');
  return toSqlDateTime(d);
}

/** The time pattern: given, or 'X' per 5 minutes of lengthMinutes; 5 minutes to 12 hours. */
export function patternOf(pattern: string | null | undefined, lengthMinutes: number | null | undefined): string | undefined {
  if (pattern != null) {
    if (!/^[X/]{1,144}$/.test(pattern)) throw badInput("input.pattern must be 1-144 characters of 'X' and '/' (5 minutes each)", 'input.pattern');
    return pattern;
  }
  if (lengthMinutes != null) {
    if (!Number.isInteger(lengthMinutes) || lengthMinutes < 5 || lengthMinutes > 720 || lengthMinutes % 5 !== 0) {
      throw badInput('input.lengthMinutes must be a multiple of 5 between 5 and 720', 'input.lengthMinutes');
    }
    return 'X'.repeat(lengthMinutes / 5);
  }
  return undefined;
}
