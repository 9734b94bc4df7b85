import type { AdminConnection } from './createAdminConnection.js';

/** How many statements whose text contains `marker` (e.g. 'c=12 ') are running now. */
export async function countRunning(admin: AdminConnection, marker: string): Promise<number> {
  const escaped = marker.replace(/[%_\\]/g, (c) => `\\${c}`);
  // the pattern is split in two so this query's own text never contains the marker: chartgate's
  // killByMarker would otherwise find (and KILL) the poll itself
  const [rows] = await admin.query(
    `SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE COMMAND <> 'Sleep' AND ID <> CONNECTION_ID() AND INFO LIKE CONCAT(?, ?)`,
    [`%${escaped.slice(0, 1)}`, `${escaped.slice(1)}%`],
  );
  return Number((rows as { n: number }[])[0].n);
}

/** Polls until `done(count)` holds or `timeoutMs` passes; returns the ms it took, or null on timeout. */
export async function pollUntil(
  admin: AdminConnection,
  marker: string,
  done: (count: number) => boolean,
  timeoutMs: number,
  everyMs = 5,
): Promise<number | null> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (done(await countRunning(admin, marker))) return performance.now() - started;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return null;
}

/**
 * Waits until a client has no statement left running (requests a load tool abandoned at the end
 * of a phase keep running in the server), then a little longer for queued ones, so one phase's
 * leftovers never land in the next. Returns false when they did not drain within `timeoutMs`.
 */
export async function drainClient(admin: AdminConnection, clientId: number, timeoutMs = 15_000): Promise<boolean> {
  const marker = `c=${clientId} `;
  for (let quiet = 0; quiet < 3; quiet++) {
    if ((await pollUntil(admin, marker, (n) => n === 0, timeoutMs, 20)) === null) return false;
    await new Promise((r) => setTimeout(r, 200));
  }
  return true;
}
