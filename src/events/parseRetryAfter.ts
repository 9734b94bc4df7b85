/**
 * A Retry-After header (delay-seconds or an HTTP-date, RFC 9110 10.2.3) -> ms from `nowMs`,
 * between 1 s and `maxMs`; null when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number, maxMs: number): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  let ms: number;
  if (/^\d{1,10}$/.test(text)) ms = Number(text) * 1000;
  else {
    const at = Date.parse(text);
    if (Number.isNaN(at)) return null;
    ms = at - nowMs;
  }
  return Math.min(maxMs, Math.max(1000, ms));
}
