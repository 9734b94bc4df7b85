import { InvalidArgumentError } from 'commander';
import { parseClientLimits, ClientLimitsError, type ClientLimits } from '../config/clientLimitsSchema.js';
import { isValidDate } from '../lib/dates.js';

/** Flag parsers for commander: each refuses a bad value with a message naming what it expects. */

const integer =
  (min: number, max: number, what: string) =>
  (value: string): number => {
    if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError(`${what} must be a whole number from ${min} to ${max}.`);
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${what} must be a whole number from ${min} to ${max}.`);
    return n;
  };

export const portNumber = integer(0, 65_535, 'a port');
export const positiveId = integer(1, Number.MAX_SAFE_INTEGER, 'an id');
export const seedNumber = integer(0, 2 ** 31 - 1, 'a seed');
export const graceSeconds = integer(0, 90 * 86_400, 'the grace period in seconds');
export const logLimit = integer(1, 500, 'the number of rows');
export const secretGraceSeconds = integer(0, 30 * 86_400, 'the overlap in seconds');

/** 'YYYY-MM-DD', a real calendar day. */
export function isoDate(value: string): string {
  if (!isValidDate(value)) throw new InvalidArgumentError('a date must be YYYY-MM-DD, e.g. 2026-12-01.');
  return value;
}

/** '45s', '30m', '1h', '2d' -> milliseconds. */
export function duration(value: string): number {
  const m = /^(\d{1,6})\s*(s|m|h|d)$/.exec(value.trim());
  if (!m) throw new InvalidArgumentError('a duration is a number and a unit: 45s, 30m, 1h or 2d.');
  return Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 's' | 'm' | 'h' | 'd'];
}

/** `--limits '{"maxCost":20000}'`: JSON, checked against the configuration's own bounds. */
export function limitsJson(value: string): ClientLimits {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new InvalidArgumentError('limits must be a JSON object, e.g. \'{"maxCost":20000,"maxInFlight":2}\'.');
  }
  try {
    return parseClientLimits(parsed);
  } catch (e) {
    if (e instanceof ClientLimitsError) throw new InvalidArgumentError(`${e.message}.`);
    throw e;
  }
}

/** 'a,b, c' -> ['a', 'b', 'c'] */
export const csv = (v: string | undefined): string[] =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

/** '1,2' -> [1, 2], refusing anything that is not a positive id. */
export const idList = (v: string): number[] => csv(v).map(positiveId);

/** `--since 2h` or `--since 2026-11-01T09:00:00Z` -> an ISO 8601 instant (a duration counts back from now). */
export function sinceInstant(value: string, now: () => Date = () => new Date()): string {
  if (/^\d{4}-\d{2}-\d{2}T/.test(value.trim())) {
    const ms = Date.parse(value.trim());
    if (Number.isNaN(ms) || !/(Z|[+-]\d{2}:\d{2})$/.test(value.trim()))
      throw new InvalidArgumentError('a time is ISO 8601 with an offset, e.g. 2026-11-01T09:00:00Z, or a duration: 30m, 2h, 3d.');
    return new Date(ms).toISOString();
  }
  return new Date(now().getTime() - duration(value)).toISOString();
}

const DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'dead'];

/** 'failed,dead' -> ['failed', 'dead'], refusing anything else. */
export function deliveryStatuses(value: string): string[] {
  const list = csv(value);
  const bad = list.find((s) => !DELIVERY_STATUSES.includes(s));
  if (list.length === 0 || bad !== undefined) throw new InvalidArgumentError(`a status is one of ${DELIVERY_STATUSES.join(', ')}.`);
  return list;
}
