import { useEffect, useRef, useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice';
import { colorOf, LineChart, type Series } from '../components/LineChart';
import { useQuery } from '../lib/useQuery';

interface Point {
  at: string;
  clientId: number;
  requests: number;
  errors: number;
  throttled: number;
  cost: number;
  dbMs: number;
}

interface Data {
  loadSeries: {
    since: string;
    minutes: number;
    points: Point[];
    budgets: Array<{ clientId: number; available: number; maximum: number; restorePerSecond: number }>;
  };
  clients: Array<{ id: string; name: string }>;
}

const QUERY = `query LiveLoad($minutes: Int) {
  loadSeries(minutes: $minutes) { since minutes points { at clientId requests errors throttled cost dbMs } budgets { clientId available maximum restorePerSecond } }
  clients { id name }
}`;
const MINUTES = 15;
const REFRESH_MS = 2000;

/** Per-client cost, requests, throttles and database time per minute, and each budget as it refills, refreshed every two seconds. */
export function LiveLoadScreen() {
  const { data, error } = useQuery<Data>(QUERY, { minutes: MINUTES }, { pollMs: REFRESH_MS });
  // budgets are a reading "now": the console keeps their history while the page is open
  const history = useRef(new Map<number, Array<{ x: number; y: number }>>());
  const [refreshedAt, setRefreshedAt] = useState<number>(Date.now());
  useEffect(() => {
    if (!data) return;
    const now = Date.now();
    for (const b of data.loadSeries.budgets) {
      const list = history.current.get(b.clientId) ?? [];
      list.push({ x: now, y: b.available });
      history.current.set(b.clientId, list.slice(-(MINUTES * 60_000) / REFRESH_MS));
    }
    setRefreshedAt(now);
  }, [data]);

  const from = data ? Date.parse(data.loadSeries.since) : Date.now() - MINUTES * 60_000;
  const to = from + (MINUTES - 1) * 60_000;
  const name = (id: number) => (id === 0 ? 'unrecognised' : (data?.clients.find((c) => c.id === String(id))?.name ?? `client ${id}`));
  const ids = [...new Set((data?.loadSeries.points ?? []).map((p) => p.clientId))].sort((a, b) => a - b);
  const minutes = Array.from({ length: MINUTES }, (_, i) => from + i * 60_000);
  // every minute of the window, 0 where the client sent nothing (a line never bridges a quiet stretch)
  const seriesOf = (pick: (p: Point) => number): Series[] =>
    ids.map((id) => {
      const byMinute = new Map((data?.loadSeries.points ?? []).filter((p) => p.clientId === id).map((p) => [Date.parse(p.at), pick(p)]));
      return { name: name(id), color: colorOf(id), points: minutes.map((x) => ({ x, y: byMinute.get(x) ?? 0 })) };
    });
  const budgetSeries: Series[] = [...history.current.entries()].map(([id, points]) => ({ name: name(id), color: colorOf(id), points }));

  return (
    <section>
      <div className="title-row">
        <h1>Live load</h1>
        <span className="muted" data-testid="refreshed">
          last {MINUTES} minutes, refreshed {new Date(refreshedAt).toLocaleTimeString()}
        </span>
      </div>
      <ErrorNotice error={error} />
      <ul className="legend">
        {ids.map((id) => (
          <li key={id}>
            <span className="swatch" style={{ background: colorOf(id) }} /> {name(id)}
          </li>
        ))}
      </ul>
      <div className="charts">
        <LineChart testId="chart-requests" title="Requests per minute" unit="requests" series={seriesOf((p) => p.requests)} from={from} to={to} />
        <LineChart testId="chart-cost" title="Cost consumed per minute" unit="points" series={seriesOf((p) => p.cost)} from={from} to={to} />
        <LineChart testId="chart-throttled" title="Throttled requests per minute" unit="requests" series={seriesOf((p) => p.throttled)} from={from} to={to} />
        <LineChart testId="chart-db" title="Database time per minute" unit="ms" series={seriesOf((p) => p.dbMs)} from={from} to={to} />
        <LineChart
          testId="chart-budget"
          title="Budget remaining (since this page opened)"
          unit="points"
          series={budgetSeries}
          from={Math.min(...budgetSeries.flatMap((s) => s.points.map((p) => p.x)), refreshedAt)}
          to={refreshedAt}
        />
      </div>
      {data && data.loadSeries.budgets.length > 0 ? (
        <table className="budgets" data-testid="budgets">
          <thead>
            <tr>
              <th>Client</th>
              <th>Budget left</th>
              <th>Refill</th>
            </tr>
          </thead>
          <tbody>
            {data.loadSeries.budgets.map((b) => (
              <tr key={b.clientId}>
                <td>{name(b.clientId)}</td>
                <td>
                  <meter min={0} max={b.maximum} value={b.available} /> {b.available} / {b.maximum}
                </td>
                <td>{b.restorePerSecond} points/s</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
