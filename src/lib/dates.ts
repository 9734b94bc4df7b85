/**
 * Date helpers between the API's forms (Date 'YYYY-MM-DD', DateTime ISO 8601 with offset) and
 * the database's ('YYYY-MM-DD', 'YYYY-MM-DD HH:MM:SS' in UTC).
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** True for a real calendar date 'YYYY-MM-DD' of the years 1-9999 (no 2026-02-30, no year 0). */
export function isValidDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m || Number(m[1]) < 1) return false;
  // setUTCFullYear, not Date.UTC: Date.UTC reads the years 0-99 as 1900-1999
  const d = new Date(0);
  d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/**
 * ISO 8601 with an explicit offset -> Date, or null when not one (a bare local time is rejected)
 * or when its UTC form leaves the years 1-9999 that 'YYYY-MM-DD HH:MM:SS' and the databases hold
 * (9999-12-31T23:59:59-05:00 is in the year 10000 in UTC).
 */
export function parseIsoDateTime(value: string): Date | null {
  if (!ISO_WITH_OFFSET.test(value) || !isValidDate(value.slice(0, 10))) return null;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return null;
  const year = d.getUTCFullYear();
  return year >= 1 && year <= 9999 ? d : null;
}

/** Date -> '2026-03-01T14:30:00Z' (seconds precision, like the database). */
export const toIsoUtc = (d: Date): string => `${d.toISOString().slice(0, 19)}Z`;

/** Date -> '2026-03-01 14:30:00' (the database's UTC DATETIME form). */
export const toSqlDateTime = (d: Date): string => d.toISOString().slice(0, 19).replace('T', ' ');

/** Milliseconds since the epoch of a '2026-03-01 14:30:00' UTC string. */
export const fromSqlDateTime = (s: string): number => Date.parse(`${s.replace(' ', 'T')}Z`);

/** '2026-03-01 14:30:00' (UTC) -> '2026-03-01T14:30:00Z'. */
export function sqlDateTimeToIso(value: string): string {
  return `${value.slice(0, 10)}T${value.slice(11, 19) || '00:00:00'}Z`;
}

/** ISO DateTime (any offset) -> the database's UTC 'YYYY-MM-DD HH:MM:SS'. */
export function isoToSqlDateTime(value: string): string {
  const d = parseIsoDateTime(value);
  if (!d) throw new RangeError(`not an ISO 8601 date-time with offset: ${value}`);
  return toSqlDateTime(d);
}

/** 'YYYY-MM-DD' plus n days. */
export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Whole days from a to b ('YYYY-MM-DD'); negative when b is before a. */
export const daysBetween = (a: string, b: string): number => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/** A DATE column value normalised to 'YYYY-MM-DD' (null and Open Dental's 0001-01-01 -> null). */
export function toDateOrNull(value: string | null | undefined): string | null {
  if (!value) return null;
  const v = String(value).slice(0, 10);
  return v < '1880-01-01' ? null : v;
}
