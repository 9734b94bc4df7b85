const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' as UTC midnight, or any ISO DateTime; NaN when unparseable. */
const toMs = (v: string) => Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v);

/**
 * The number of 30-day blocks an inclusive `[from, to]` range covers: ceil(days / 30), at least 1,
 * where days = whole days from `from` to `to` plus one (a single day is 1 day, January is 31 days).
 * Undefined when either bound is missing or unparseable, or `to` is before `from` (the resolver
 * rejects those; the governor then prices the field as one block).
 */
export function dateRangeMonths(from: unknown, to: unknown): number | undefined {
  if (typeof from !== 'string' || typeof to !== 'string') return undefined;
  const a = toMs(from);
  const b = toMs(to);
  if (Number.isNaN(a) || Number.isNaN(b) || b < a) return undefined;
  const days = Math.floor((b - a) / DAY_MS) + 1;
  return Math.max(1, Math.ceil(days / 30));
}
