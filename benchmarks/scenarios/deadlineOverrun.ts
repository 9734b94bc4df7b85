import { ENV_VARS } from '../../src/config/loadConfig.js';
import type { BenchContext } from '../lib/BenchContext.js';
import { drainClient } from '../lib/countStatements.js';
import { postGraphql } from '../lib/postGraphql.js';
import { median, round } from '../lib/stats.js';
import { hostileDocuments } from './documents.js';
import type { PartialOutput } from './Scenario.js';

/** The governor's statement-deadline setting (milliseconds), found by name in loadConfig's ENV_VARS. */
const deadlineEnvVar = (): string | undefined => Object.keys(ENV_VARS).find((name) => /(DEADLINE|STATEMENT_TIMEOUT)/.test(name) && /_MS$/.test(name));

/**
 * Deadline overrun: time the heaviest report without a deadline, start a server whose statement
 * deadline is a third of that, send the report again and divide each timed-out request's wall
 * time by the deadline. 1.0 would be a kill exactly on time; the target allows 20% for the kill,
 * the error path and HTTP.
 */
export async function measureDeadlineOverrun(ctx: BenchContext, out: PartialOutput): Promise<void> {
  const figure = { key: 'deadline.overrunWorst', label: 'deadline: wall time / deadline (worst)', unit: 'x', target: { op: '<=' as const, value: 1.2 } };
  const envVar = deadlineEnvVar();
  if (!envVar) {
    out.figures.push({ ...figure, value: null, note: 'no statement deadline (*_STATEMENT_TIMEOUT_MS / *DEADLINE*_MS) setting in loadConfig ENV_VARS' });
    return;
  }
  const client = ctx.clients.frontDesk; // measure mode: the deadline applies, the cost limits do not reject
  const body = JSON.stringify({ query: hostileDocuments(ctx.facts)[0] });
  const free = await ctx.startServer({ governor: 'off' });
  let unlimitedMs: number;
  try {
    ctx.progress.step('deadline: timing the report without a deadline');
    const times: number[] = [];
    for (let i = 0; i < 3; i++) times.push((await postGraphql(free.url, body, client.headers)).ms);
    unlimitedMs = median(times);
  } finally {
    await free.close();
  }
  const deadlineMs = Math.max(50, Math.floor(unlimitedMs / 3)); // the setting's minimum is 50 ms
  const limited = await ctx.startServer({ env: { [envVar]: String(deadlineMs) } });
  const ratios: number[] = [];
  const codes: Record<string, number> = {};
  try {
    for (let i = 0; i < 5; i++) {
      ctx.progress.step(`deadline: report with a ${deadlineMs} ms deadline (${i + 1}/5)`);
      const r = await postGraphql(limited.url, body, client.headers);
      const code = String(r.json.errors?.[0]?.extensions?.code ?? r.status);
      codes[code] = (codes[code] ?? 0) + 1;
      if (code === 'QUERY_TIMEOUT') ratios.push(r.ms / deadlineMs);
    }
  } finally {
    await limited.close();
    await drainClient(ctx.admin, client.id);
  }
  out.raw.deadline = { envVar, unlimitedMs, deadlineMs, ratios, codes };
  const note = `${envVar}=${deadlineMs} ms; the report takes ${unlimitedMs.toFixed(0)} ms without one; answers ${JSON.stringify(codes)}`;
  out.figures.push(
    { ...figure, value: ratios.length ? round(Math.max(...ratios), 2) : null, note: ratios.length ? note : `no request timed out: ${note}` },
    { key: 'deadline.overrunMedian', label: 'deadline: wall time / deadline (median)', value: ratios.length ? round(median(ratios), 2) : null, unit: 'x' },
  );
  out.charts.push({
    title: 'Deadline: wall time of timed-out requests / deadline',
    unit: 'x',
    categories: ratios.map((_, i) => `request ${i + 1}`),
    series: [{ name: 'wall / deadline', values: ratios.map((r) => round(r, 2)) }],
  });
}
