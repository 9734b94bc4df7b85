/** '2026-11-01T14:30:00Z' -> the browser's local date and time, or a dash. */
export const when = (iso: string | null | undefined): string => (iso ? new Date(iso).toLocaleString() : '—');

/** How long ago, roughly: '12 s ago', '5 min ago', '3 h ago', '2 d ago'. */
export function ago(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return 'never';
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} d ago`;
}

/** A datetime-local input's value -> ISO 8601 with offset (or null when empty). */
export const localToIso = (value: string): string | null => (value ? new Date(value).toISOString() : null);

/** 'a, b\nc' -> ['a', 'b', 'c'] */
export const splitList = (text: string): string[] =>
  text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

/** '1, 2' -> [1, 2]; anything that is not a whole number is sent as is, for the server to refuse with its own message. */
export const splitIds = (text: string): number[] => splitList(text).map((s) => (/^\d+$/.test(s) ? Number(s) : Number.NaN));
