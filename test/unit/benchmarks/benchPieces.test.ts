import { describe, expect, it } from 'vitest';
import { createBodySource } from '../../../benchmarks/driver/BodySpec.js';
import { collectErrorCodes } from '../../../benchmarks/driver/summarizeBody.js';
import { groupStages } from '../../../benchmarks/lib/captureStatements.js';
import { combineSegments, pairedRatio, percentile } from '../../../benchmarks/lib/stats.js';
import type { LoadStats } from '../../../benchmarks/lib/types.js';
import { judge } from '../../../benchmarks/report/judge.js';
import { renderBarChart } from '../../../benchmarks/report/renderBarChart.js';
import { renderTable } from '../../../benchmarks/report/renderTable.js';

const stats = (over: Partial<LoadStats>): LoadStats => ({
  requests: 0,
  durationS: 0,
  rps: 0,
  p50: 0,
  p90: 0,
  p99: 0,
  max: 0,
  errors: 0,
  timeouts: 0,
  non2xx: 0,
  gqlErrors: 0,
  failed: 0,
  statusCodes: {},
  errorCodes: {},
  ...over,
});

describe('benchmark body templates', () => {
  it('replaces the counter and cycles lists, one body per call', () => {
    const next = createBodySource({ kind: 'template', template: '{"a":"p{{n}}","id":"{{list:id}}"}', lists: { id: [7, 8] } });
    expect([next(), next(), next()]).toEqual(['{"a":"p0","id":"7"}', '{"a":"p1","id":"8"}', '{"a":"p2","id":"7"}']);
  });
  it('refuses an unknown token or an empty list', () => {
    expect(() => createBodySource({ kind: 'template', template: '{{nope}}' })).toThrow(/unknown template token/);
    expect(() => createBodySource({ kind: 'template', template: '{{list:x}}', lists: { x: [] } })).toThrow(/missing or empty/);
  });
});

describe('benchmark statistics', () => {
  it('takes nearest-rank percentiles', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile([], 99)).toBe(0);
  });
  it('combines segments: rps from totals, percentiles weighted by requests', () => {
    const c = combineSegments([
      stats({ requests: 100, durationS: 1, p99: 10, statusCodes: { 200: 100 } }),
      stats({ requests: 300, durationS: 1, p99: 20, statusCodes: { 200: 300 } }),
    ]);
    expect(c.rps).toBe(200);
    expect(c.p99).toBe(17.5);
    expect(c.statusCodes).toEqual({ 200: 400 });
  });
  it('takes the median of per-round ratios, so drift across rounds cancels', () => {
    const a = [100, 200, 400].map((rps) => stats({ rps }));
    const b = [200, 400, 400].map((rps) => stats({ rps }));
    expect(pairedRatio(a, b, (s) => s.rps)).toEqual({ median: 0.5, min: 0.5, max: 1 });
    expect(pairedRatio([stats({ rps: 1 })], [stats({ rps: 0 })], (s) => s.rps).median).toBeNull();
  });
  it('counts GraphQL error codes once per response', () => {
    const into: Record<string, number> = {};
    expect(collectErrorCodes('{"data":{}}', into)).toBe(false);
    expect(collectErrorCodes('{"errors":[{"extensions":{"code":"THROTTLED"}},{"extensions":{"code":"THROTTLED"}}]}', into)).toBe(true);
    expect(into).toEqual({ THROTTLED: 1 });
    // a measure-mode answer names what enforce mode would have refused: that code is not an error of the response
    const conflict = '{"errors":[{"extensions":{"code":"CONFLICT"}}],"extensions":{"governor":{"wouldReject":{"code":"THROTTLED"}}}}';
    expect(collectErrorCodes(conflict, into)).toBe(true);
    expect(into).toEqual({ THROTTLED: 1, CONFLICT: 1 });
  });
});

describe('benchmark SQL stages', () => {
  it('groups statements sent together on different connections, splits the dependent ones', () => {
    const stages = groupStages([
      { sql: 'list', threadId: 1, atUs: 0 },
      { sql: 'patients', threadId: 1, atUs: 900 },
      { sql: 'providers', threadId: 2, atUs: 950 },
      { sql: 'again', threadId: 1, atUs: 1000 },
    ]);
    expect(stages.map((s) => s.map((x) => x.sql))).toEqual([['list'], ['patients', 'providers'], ['again']]);
  });
});

describe('benchmark reports', () => {
  it('judges targets and prints them beside each figure', () => {
    const figures = judge([
      { key: 'a', label: 'ratio', value: 0.6, unit: 'ratio', target: { op: '>=', value: 0.5 } },
      { key: 'b', label: 'kill', value: 1200, unit: 'ms', target: { op: '<', value: 1000 } },
      { key: 'c', label: 'none', value: null, unit: 'ms', target: { op: '<=', value: 1 } },
    ]);
    expect(figures.map((f) => f.met)).toEqual([true, false, null]);
    const table = renderTable([{ name: 'floor', title: 'Floor', figures, charts: [], durationMs: 1 }]);
    expect(table).toMatch(/ratio\s+0\.600\s+>= 0\.5\s+met/);
    expect(table).toMatch(/kill\s+1200 ms\s+< 1000 ms\s+NOT MET/);
  });
  it('draws a bar per series and category as inline SVG, escaping text', () => {
    const svg = renderBarChart({
      title: 'a < b',
      unit: 'req/s',
      categories: ['x', 'y'],
      series: [
        { name: 'on', values: [1, 2] },
        { name: 'off', values: [3, null] },
      ],
    });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('a &lt; b');
    expect(svg.match(/<rect [^>]*><title>/g)).toHaveLength(3);
    expect(svg).toContain('n/a');
  });
});
