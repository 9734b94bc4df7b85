import type { CursorAdvance, SettledRow } from '../gateway/events/createDeliveryStore.js';

/**
 * The first attempts of the endpoints this dispatcher holds: per endpoint, its stored position,
 * how far it has read, and the events read but not yet written. An outcome is kept here until
 * every event before it is settled too; then the position moves past them and their rows are
 * written in one statement (advanceCursors), so a first attempt costs no statement of its own.
 */
export interface CursorWindows {
  /** the window at the stored position, unless one is open there already; a window elsewhere (another dispatcher moved it) starts again */
  open(endpointId: number, position: number): void;
  /** where the endpoint's next read starts (its window must be open) */
  readFrom(endpointId: number): number;
  /** the events up to `to` were read; these (ascending) are being attempted */
  add(endpointId: number, eventIds: readonly number[], to: number): void;
  /** a first attempt's outcome */
  done(endpointId: number, row: SettledRow): void;
  /** attempts read but not yet settled */
  busy(endpointId: number): boolean;
  holds(endpointId: number): boolean;
  /** these events will not be attempted now (their endpoint was disabled, or the dispatcher stops): the next read starts again before the first of them */
  release(endpointId: number, eventIds: readonly number[]): void;
  /** each window's position moved to just before its first unsettled event, with the rows it passes */
  advances(): CursorAdvance[];
  /** those advances were written */
  committed(advances: readonly CursorAdvance[]): void;
  /** the lease went to another dispatcher, or the endpoint went away */
  forget(endpointId: number): void;
}

interface Window {
  position: number;
  readTo: number;
  /** ascending: read, not yet written */
  open: number[];
  settled: Map<number, SettledRow>;
}

export function createCursorWindows(): CursorWindows {
  const windows = new Map<number, Window>();
  const get = (endpointId: number) => {
    const w = windows.get(endpointId);
    if (!w) throw new Error(`no window is open for endpoint ${endpointId}`);
    return w;
  };
  return {
    open(endpointId, position) {
      const w = windows.get(endpointId);
      if (w && w.position === position) return;
      windows.set(endpointId, { position, readTo: position, open: [], settled: new Map() });
    },
    readFrom: (endpointId) => get(endpointId).readTo,
    add(endpointId, eventIds, to) {
      const w = get(endpointId);
      w.open.push(...eventIds);
      w.readTo = Math.max(w.readTo, to);
    },
    done(endpointId, row) {
      const w = windows.get(endpointId);
      // a window forgotten since: the attempt's outcome is another dispatcher's to record
      if (w && w.open.includes(row.eventId)) w.settled.set(row.eventId, row);
    },
    busy: (endpointId) => (windows.get(endpointId)?.open.length ?? 0) > 0,
    holds: (endpointId) => windows.has(endpointId),
    release(endpointId, eventIds) {
      const w = windows.get(endpointId);
      if (!w || eventIds.length === 0) return;
      // the lane attempts in order: whatever was read after the first released event is released too
      const first = Math.min(...eventIds);
      w.open = w.open.filter((id) => id < first);
      for (const id of w.settled.keys()) if (id >= first) w.settled.delete(id);
      w.readTo = Math.min(w.readTo, first - 1);
    },
    advances() {
      const out: CursorAdvance[] = [];
      for (const [endpointId, w] of windows) {
        let i = 0;
        while (i < w.open.length && w.settled.has(w.open[i]!)) i++;
        const to = i === w.open.length ? w.readTo : w.open[i]! - 1;
        if (to > w.position) out.push({ endpointId, toEventId: to, rows: w.open.slice(0, i).map((id) => w.settled.get(id)!) });
      }
      return out;
    },
    committed(advances) {
      for (const a of advances) {
        const w = windows.get(a.endpointId);
        if (!w || a.toEventId <= w.position) continue;
        w.position = a.toEventId;
        for (const id of w.open.splice(0, a.rows.length)) w.settled.delete(id);
      }
    },
    forget: (endpointId) => void windows.delete(endpointId),
  };
}
