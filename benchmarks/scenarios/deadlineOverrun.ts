import type { BenchContext } from '../lib/BenchContext.js';
import { createAdminConnection } from '../lib/createAdminConnection.js';
import { drainClient } from '../lib/countStatements.js';
import { postGraphql } from '../lib/postGraphql.js';
import { median, round } from '../lib/stats.js';
import type { PartialOutput } from './Scenario.js';

/** The statement deadline the measurement runs with (GOVERNOR_STATEMENT_TIMEOUT_MS). */
const DEADLINE_MS = 100;

/**
 * Deadline overrun: a report whose statement outlives its deadline, however fast the machine: the
 * benchmark holds a write lock on procedurelog, so the report's statement waits until the
 * database's own deadline (MariaDB max_statement_time, MySQL MAX_EXECUTION_TIME) stops it. Each
 * request's wall time over the deadline: 1.0 would be an answer exactly on time; the target
 * allows 20% for the kill, the error path and HTTP.
 */
export async function measureDeadlineOverrun(ctx: BenchContext, out: PartialOutput): Promise<void> {
  const client = ctx.clients.frontDesk; // measure mode: the deadline applies, the cost limits do not reject
  const from = ctx.facts.firstProcedureDate;
  const to = `${from.slice(0, 4)}-12-31`;
  const body = JSON.stringify({ query: `query DeadlineReport { productionSummary(from: "${from}", to: "${to}", groupBy: DAY) { key production } }` });
  const server = await ctx.startServer({ governor: 'on', env: { GOVERNOR_STATEMENT_TIMEOUT_MS: String(DEADLINE_MS) } });
  const locker = await createAdminConnection(ctx.options.mysqlUrl);
  const ratios: number[] = [];
  const codes: Record<string, number> = {};
  try {
    // the first request of a new server pays for cold pools and caches: it runs before the lock, untimed
    await postGraphql(server.url, body, client.headers);
    await locker.query('LOCK TABLES procedurelog WRITE');
    for (let i = 0; i < 5; i++) {
      ctx.progress.step(`deadline: a report waiting on a lock, ${DEADLINE_MS} ms deadline (${i + 1}/5)`);
      const r = await postGraphql(server.url, body, client.headers);
      const code = String(r.json.errors?.[0]?.extensions?.code ?? r.status);
      codes[code] = (codes[code] ?? 0) + 1;
      if (code === 'QUERY_TIMEOUT') ratios.push(r.ms / DEADLINE_MS);
    }
  } finally {
    await locker.query('UNLOCK TABLES').catch(() => undefined);
    await locker.end().catch(() => undefined);
    await server.close();
    await drainClient(ctx.admin, client.id);
  }
  out.raw.deadline = { deadlineMs: DEADLINE_MS, ratios, codes };
  const note = `GOVERNOR_STATEMENT_TIMEOUT_MS=${DEADLINE_MS}; the report's statement waits on a table lock the benchmark holds; answers ${JSON.stringify(codes)}`;
  out.figures.push(
    {
      key: 'deadline.overrunWorst',
      label: 'deadline: wall time / deadline (worst)',
      value: ratios.length ? round(Math.max(...ratios), 2) : null,
      unit: 'x',
      target: { op: '<=', value: 1.2 },
      note: ratios.length ? note : `no request timed out: ${note}`,
    },
    { key: 'deadline.overrunMedian', label: 'deadline: wall time / deadline (median)', value: ratios.length ? round(median(ratios), 2) : null, unit: 'x' },
  );
  out.charts.push({
    title: 'Deadline: wall time of timed-out requests / deadline',
    unit: 'x',
    categories: ratios.map((_, i) => `request ${i + 1}`),
    series: [{ name: 'wall / deadline', values: ratios.map((r) => round(r, 2)) }],
  });
}
