import { describe, expect, it } from 'vitest';
import { calendarSpan } from '../../src/db/seed/calendarSpan.js';
import { seedScales } from '../../src/db/seed/seedScales.js';

describe('the seeded calendar', () => {
  it('the demo starts four weeks before its as-of date and books two months ahead', () => {
    expect(calendarSpan(seedScales.demo, 9, '2026-12-01')).toEqual({ from: '2026-11-03', to: '2027-01-30' });
  });

  it('bigger scales hold years of history: at least three, more when the appointments need them', () => {
    const years = (span: { from: string; to: string }) => (Date.parse(span.to) - Date.parse(span.from)) / (365 * 86_400_000);
    expect(years(calendarSpan(seedScales.small, 4, '2026-12-01'))).toBeGreaterThanOrEqual(3);
    expect(years(calendarSpan(seedScales.large, 31, '2026-12-01'))).toBeGreaterThanOrEqual(3);
    expect(years(calendarSpan(seedScales.large, 10, '2026-12-01'))).toBeGreaterThan(years(calendarSpan(seedScales.large, 31, '2026-12-01')));
  });
});
