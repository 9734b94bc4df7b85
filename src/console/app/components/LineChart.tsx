export interface Series {
  name: string;
  color: string;
  /** x = ms since the epoch */
  points: Array<{ x: number; y: number }>;
}

const W = 560;
const H = 180;
const PAD = { left: 44, right: 12, top: 12, bottom: 24 };

const time = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/**
 * A small SVG line chart (no chart library, nothing fetched). `data-total` carries the sum of every
 * point so a test can watch it change.
 */
export function LineChart({
  title,
  series,
  from,
  to,
  unit,
  testId,
}: {
  title: string;
  series: Series[];
  from: number;
  to: number;
  unit: string;
  testId: string;
}) {
  const all = series.flatMap((s) => s.points);
  const max = Math.max(1, ...all.map((p) => p.y));
  const total = all.reduce((sum, p) => sum + p.y, 0);
  const span = Math.max(1, to - from);
  const x = (ms: number) => PAD.left + ((ms - from) / span) * (W - PAD.left - PAD.right);
  const y = (v: number) => H - PAD.bottom - (v / max) * (H - PAD.top - PAD.bottom);
  return (
    <figure className="chart" data-testid={testId} data-total={total} data-points={all.length}>
      <figcaption>
        {title}{' '}
        <small>
          (max {Math.round(max)} {unit})
        </small>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title}>
        <line x1={PAD.left} y1={H - PAD.bottom} x2={W - PAD.right} y2={H - PAD.bottom} className="axis" />
        <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={H - PAD.bottom} className="axis" />
        <text x={PAD.left - 6} y={PAD.top + 4} textAnchor="end" className="tick">
          {Math.round(max)}
        </text>
        <text x={PAD.left - 6} y={H - PAD.bottom} textAnchor="end" className="tick">
          0
        </text>
        <text x={PAD.left} y={H - 6} className="tick">
          {time(from)}
        </text>
        <text x={W - PAD.right} y={H - 6} textAnchor="end" className="tick">
          {time(to)}
        </text>
        {series.map((s) =>
          s.points.length === 1 ? (
            <circle key={s.name} cx={x(s.points[0].x)} cy={y(s.points[0].y)} r={3} fill={s.color} />
          ) : (
            <polyline
              key={s.name}
              fill="none"
              stroke={s.color}
              strokeWidth={2}
              points={[...s.points]
                .sort((a, b) => a.x - b.x)
                .map((p) => `${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`)
                .join(' ')}
            />
          ),
        )}
      </svg>
      {all.length === 0 ? <p className="empty">No requests in this window.</p> : null}
    </figure>
  );
}

const PALETTE = ['#0969da', '#cf222e', '#1a7f37', '#8250df', '#bf8700', '#0a7ea4', '#d4449a', '#57606a'];

/** A stable colour per client id. */
export const colorOf = (clientId: number): string => PALETTE[clientId % PALETTE.length];
