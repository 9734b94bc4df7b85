import type { ScaleSpec } from './seedScales.js';
import { addDays } from './seedCalendar.js';

/** Days of bookings after the as-of date. */
const BOOKED_AHEAD_DAYS = 60;

/**
 * The seeded calendar, 'YYYY-MM-DD' inclusive: the demo's starts a few weeks before its as-of
 * date (so the first appointments a newcomer lists are this month's); bigger scales hold years of
 * history, as many as their appointments need at ~7 visits a chair a weekday (at least three).
 */
export function calendarSpan(spec: ScaleSpec, operatories: number, asOf: string): { from: string; to: string } {
  const historyDays = spec.historyDays ?? Math.max(3, Math.ceil(spec.appointments / (operatories * 7 * 261))) * 365;
  return { from: addDays(asOf, -historyDays), to: addDays(asOf, BOOKED_AHEAD_DAYS) };
}
