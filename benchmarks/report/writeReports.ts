import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BenchReport } from './BenchReport.js';
import { renderHtml } from './renderHtml.js';

/** Writes bench-<stamp>.json and .html into outDir, plus latest.json / latest.html copies. */
export async function writeReports(report: BenchReport, outDir: string): Promise<{ json: string; html: string }> {
  await mkdir(outDir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const json = path.join(outDir, `bench-${stamp}.json`);
  const html = path.join(outDir, `bench-${stamp}.html`);
  const jsonText = `${JSON.stringify(report, null, 2)}\n`;
  const htmlText = renderHtml(report);
  await writeFile(json, jsonText);
  await writeFile(html, htmlText);
  await writeFile(path.join(outDir, 'latest.json'), jsonText);
  await writeFile(path.join(outDir, 'latest.html'), htmlText);
  return { json, html };
}
