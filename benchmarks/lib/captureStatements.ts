import type { AdminConnection } from './createAdminConnection.js';

/** One statement a request sent, as MariaDB received it. */
export interface CapturedStatement {
  /** the full SQL text, tag comment and deadline prefix included */
  sql: string;
  threadId: number;
  /** microseconds since the first statement of the request */
  atUs: number;
}

/**
 * Records the statements one request sends, from MariaDB's general log (TABLE output), found by
 * the request id in the SqlRunner's tag (`r=<requestId> `; the bench sets X-Request-Id). The log
 * is switched on only around the request and restored after.
 */
export async function captureStatements(admin: AdminConnection, requestId: string, send: () => Promise<void>): Promise<CapturedStatement[]> {
  const [before] = await admin.query('SELECT @@global.general_log AS on_, @@global.log_output AS output');
  const { on_, output } = (before as { on_: number; output: string }[])[0];
  const started = new Date(Date.now() - 1000).toISOString().slice(0, 19).replace('T', ' ');
  if (!String(output).toUpperCase().includes('TABLE')) await admin.query(`SET GLOBAL log_output = ?`, [`${output},TABLE`]);
  await admin.query('SET GLOBAL general_log = 1');
  try {
    await send();
    await new Promise((r) => setTimeout(r, 50));
  } finally {
    if (!Number(on_)) await admin.query('SET GLOBAL general_log = 0');
    if (!String(output).toUpperCase().includes('TABLE')) await admin.query('SET GLOBAL log_output = ?', [output]);
  }
  const [rows] = await admin.query(
    `SELECT event_time, thread_id, CONVERT(argument USING utf8mb4) AS argument
       FROM mysql.general_log
      WHERE command_type IN ('Query', 'Execute') AND event_time >= ? AND argument LIKE ?
      ORDER BY event_time`,
    [started, `%r=${requestId} %`],
  );
  const list = rows as { event_time: string; thread_id: number; argument: string }[];
  const t0 = list.length ? microsOf(list[0].event_time) : 0;
  return list.map((r) => ({ sql: r.argument, threadId: Number(r.thread_id), atUs: microsOf(r.event_time) - t0 }));
}

/** 'YYYY-MM-DD HH:MM:SS.ffffff' -> microseconds since the epoch (precise enough for gaps). */
function microsOf(stamp: string): number {
  const [whole, frac = '0'] = stamp.split('.');
  return Date.parse(`${whole.replace(' ', 'T')}Z`) * 1000 + Number(frac.padEnd(6, '0').slice(0, 6));
}

/**
 * Groups captured statements into stages a hand-written handler would run: statements sent within
 * `gapUs` of the previous one, on different connections, were issued together (one DataLoader
 * tick) and run in parallel; anything later waited for an earlier result.
 */
export function groupStages(statements: readonly CapturedStatement[], gapUs = 1500): CapturedStatement[][] {
  const stages: CapturedStatement[][] = [];
  let prev: CapturedStatement | undefined;
  for (const s of statements) {
    const current = stages[stages.length - 1];
    const together = prev && current && s.atUs - prev.atUs <= gapUs && !current.some((c) => c.threadId === s.threadId);
    if (together) current.push(s);
    else stages.push([s]);
    prev = s;
  }
  return stages;
}
