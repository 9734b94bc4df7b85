import type { BenchReport } from './BenchReport.js';
import { escapeHtml } from './escapeHtml.js';
import { formatValue } from './formatValue.js';
import { describeTarget, verdict } from './judge.js';
import { renderBarChart } from './renderBarChart.js';

/** A self-contained HTML report: summary, then per scenario its figures table and charts. */
export function renderHtml(report: BenchReport): string {
  const env = report.environment;
  const sections = report.scenarios.map((s) => {
    const rows = s.figures
      .map(
        (f) =>
          `<tr class="${f.met === true ? 'met' : f.met === false ? 'miss' : ''}"><td>${escapeHtml(f.label)}</td><td class="num">${escapeHtml(formatValue(f.value, f.unit))}</td><td>${escapeHtml(describeTarget(f.target, f.unit))}</td><td>${verdict(f.met)}</td><td class="note">${escapeHtml(f.note ?? '')}</td></tr>`,
      )
      .join('\n');
    const error = s.error ? `<pre class="error">${escapeHtml(s.error)}</pre>` : '';
    const charts = s.charts.map((c) => `<figure>${renderBarChart(c)}</figure>`).join('\n');
    return `<section><h2>${escapeHtml(s.title)} <small>(${escapeHtml(s.name)}, ${(s.durationMs / 1000).toFixed(1)} s)</small></h2>${error}
<table><thead><tr><th>figure</th><th>value</th><th>target</th><th></th><th>note</th></tr></thead><tbody>${rows}</tbody></table>
${charts}</section>`;
  });
  const sum = report.summary;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>chartgate benchmarks ${escapeHtml(report.startedAt)}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em auto;max-width:980px;color:#222}
table{border-collapse:collapse;margin:.5em 0 1em}td,th{border-bottom:1px solid #ddd;padding:3px 8px;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums}tr.met td:nth-child(4){color:#2a7a3a;font-weight:600}
tr.miss td:nth-child(4){color:#b8453e;font-weight:600}td.note{color:#666;font-size:12px}
pre.error{background:#fdecea;padding:8px;white-space:pre-wrap}figure{margin:0 0 1em}small{color:#777;font-weight:400}
</style></head><body>
<h1>chartgate benchmarks</h1>
<p>${escapeHtml(report.mode)} run, ${escapeHtml(report.startedAt)} to ${escapeHtml(report.finishedAt)}: <code>${escapeHtml(report.command)}</code></p>
<p>Targets: ${sum.met} met, ${sum.notMet} not met, ${sum.unmeasured} unmeasured${sum.failedScenarios.length ? `; failed scenarios: ${escapeHtml(sum.failedScenarios.join(', '))}` : ''}.</p>
<p>Machine: ${escapeHtml(`${env.cpus.count} x ${env.cpus.model}, ${(env.memoryBytes / 2 ** 30).toFixed(1)} GiB, ${env.platform} ${env.osRelease}, Node ${env.node}, ${env.database ?? 'database unknown'}`)}.
Dataset: <code>${escapeHtml(JSON.stringify(report.dataset))}</code></p>
${sections.join('\n')}
<h2>Versions</h2><pre>${escapeHtml(JSON.stringify(env.packages, null, 2))}</pre>
</body></html>
`;
}
