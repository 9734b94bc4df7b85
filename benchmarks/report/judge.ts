import type { Figure, Target } from '../lib/types.js';

/** true when `value op target` holds; null when there is nothing to judge. */
function meets(value: number | null, target: Target | undefined): boolean | null {
  if (!target || value == null || !Number.isFinite(value)) return null;
  if (target.op === '>=') return value >= target.value;
  if (target.op === '<=') return value <= target.value;
  if (target.op === '<') return value < target.value;
  return Math.abs(value - target.value) < 1e-9;
}

/** Fills each figure's `met` from its value and target. */
export const judge = (figures: readonly Figure[]): Figure[] => figures.map((f) => ({ ...f, met: meets(f.value, f.target) }));

export const describeTarget = (t: Target | undefined, unit = ''): string =>
  t ? `${t.op} ${t.value}${unit && unit !== 'x' && unit !== 'ratio' ? ` ${unit}` : ''}` : '';

export const verdict = (met: boolean | null | undefined): string => (met === true ? 'met' : met === false ? 'NOT MET' : '');
