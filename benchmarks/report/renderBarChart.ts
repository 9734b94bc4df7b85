import type { ChartSpec } from '../lib/types.js';
import { escapeHtml } from './escapeHtml.js';
import { formatValue } from './formatValue.js';

const COLORS = ['#3b6fb6', '#e08a2c', '#4a9d5b', '#b8453e', '#7d5ba6', '#8c6d31'];

/** A grouped bar chart as inline SVG (no scripts, no CDN): categories on x, a bar per series. */
export function renderBarChart(chart: ChartSpec): string {
  const width = 640;
  const height = 280;
  const left = 64;
  const right = 16;
  const top = 36;
  const bottom = 56;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const values = chart.series.flatMap((s) => s.values).filter((v): v is number => v != null && Number.isFinite(v));
  const max = niceMax(Math.max(0, ...values));
  const groupW = plotW / Math.max(1, chart.categories.length);
  const barW = Math.max(4, Math.min(48, (groupW * 0.8) / Math.max(1, chart.series.length)));
  const y = (v: number) => top + plotH - (max === 0 ? 0 : (v / max) * plotH);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(chart.title)}">`,
  );
  parts.push(`<text x="${width / 2}" y="18" text-anchor="middle" font-size="14" font-weight="600">${escapeHtml(chart.title)}</text>`);
  for (let i = 0; i <= 4; i++) {
    const v = (max / 4) * i;
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/>`);
    parts.push(`<text x="${left - 6}" y="${y(v) + 4}" text-anchor="end" font-size="11" fill="#555">${escapeHtml(formatValue(v, ''))}</text>`);
  }
  parts.push(
    `<text x="14" y="${top + plotH / 2}" font-size="11" fill="#555" transform="rotate(-90 14 ${top + plotH / 2})" text-anchor="middle">${escapeHtml(chart.unit)}</text>`,
  );
  chart.categories.forEach((category, ci) => {
    const groupX = left + ci * groupW + (groupW - barW * chart.series.length) / 2;
    chart.series.forEach((series, si) => {
      const v = series.values[ci];
      const x = groupX + si * barW;
      if (v == null || !Number.isFinite(v)) {
        parts.push(`<text x="${x + barW / 2}" y="${top + plotH - 4}" text-anchor="middle" font-size="10" fill="#999">n/a</text>`);
        return;
      }
      const h = Math.max(0, top + plotH - y(v));
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y(v).toFixed(1)}" width="${(barW - 2).toFixed(1)}" height="${h.toFixed(1)}" fill="${COLORS[si % COLORS.length]}"><title>${escapeHtml(`${series.name} / ${category}: ${formatValue(v, chart.unit)}`)}</title></rect>`,
      );
      parts.push(
        `<text x="${(x + (barW - 2) / 2).toFixed(1)}" y="${(y(v) - 3).toFixed(1)}" text-anchor="middle" font-size="9" fill="#333">${escapeHtml(formatValue(v, ''))}</text>`,
      );
    });
    parts.push(`<text x="${left + ci * groupW + groupW / 2}" y="${top + plotH + 16}" text-anchor="middle" font-size="11">${escapeHtml(category)}</text>`);
  });
  chart.series.forEach((series, si) => {
    const x = left + si * 150;
    parts.push(`<rect x="${x}" y="${height - 18}" width="10" height="10" fill="${COLORS[si % COLORS.length]}"/>`);
    parts.push(`<text x="${x + 14}" y="${height - 9}" font-size="11">${escapeHtml(series.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

/** Rounds the axis maximum up to 1, 2 or 5 times a power of ten. */
function niceMax(v: number): number {
  if (v <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(v));
  for (const step of [1, 2, 5, 10]) if (step * power >= v) return step * power;
  return 10 * power;
}
