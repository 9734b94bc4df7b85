/** Prints a figure compactly: ratios with 2-3 digits, big counts without decimals. */
export function formatValue(value: number | null, unit: string): string {
  if (value == null) return 'n/a';
  const abs = Math.abs(value);
  const digits = Number.isInteger(value) || abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  const text = value.toFixed(digits);
  return unit === 'ratio' || unit === 'x' || unit === '' ? text : `${text} ${unit}`;
}
