import type { AdminConnection } from './createAdminConnection.js';

/** How many statements whose text contains `marker` (e.g. 'c=12 ') are running now. */
export async function countRunning(admin: AdminConnection, marker: string): Promise<number> {
  const [rows] = await admin.query(
    `SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE COMMAND <> 'Sleep' AND ID <> CONNECTION_ID() AND INFO LIKE ?`,
    [`%${marker.replace(/[%_\\]/g, (c) => `\\${c}`)}%`],
  );
  return Number((rows as { n: number }[])[0].n);
}

/** Polls until `done(count)` holds or `timeoutMs` passes; returns the ms it took, or null on timeout. */
export async function pollUntil(admin: AdminConnection, marker: string, done: (count: number) => boolean, timeoutMs: number, everyMs = 5): Promise<number | null> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (done(await countRunning(admin, marker))) return performance.now() - started;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return null;
}
