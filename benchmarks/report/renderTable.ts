import type { ScenarioResult } from '../lib/types.js';
import { formatValue } from './formatValue.js';
import { describeTarget, verdict } from './judge.js';

/** The terminal table: one block per scenario, a row per figure with its target and verdict. */
export function renderTable(results: readonly ScenarioResult[]): string {
  const rows: string[][] = [['scenario', 'figure', 'value', 'target', '']];
  for (const r of results) {
    if (r.error) rows.push([r.name, 'ERROR (below)', '', '', '']);
    for (const f of r.figures) {
      rows.push([r.name, f.label, formatValue(f.value, f.unit), describeTarget(f.target, f.unit), verdict(f.met)]);
    }
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const out = [line(rows[0]), rule];
  let last = '';
  for (const row of rows.slice(1)) {
    if (last && row[0] !== last) out.push('');
    out.push(line(row[0] === last ? ['', ...row.slice(1)] : row));
    last = row[0];
  }
  const errors = results.filter((r) => r.error).map((r) => `${r.name}: ${r.error!.split('\n')[0]}`);
  return `${out.join('\n')}\n${errors.length ? `\nerrors:\n  ${errors.join('\n  ')}\n` : ''}`;
}
