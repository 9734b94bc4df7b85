import { describe, expect, it } from 'vitest';
import { createCursorWindows } from '../../../src/events/createCursorWindows.js';
import type { SettledRow } from '../../../src/gateway/events/createDeliveryStore.js';

const delivered = (eventId: number): SettledRow => ({
  eventId,
  status: 'delivered',
  nextAttemptAt: 'now',
  lastStatus: 200,
  lastError: null,
  deliveredAt: 'now',
});
const failed = (eventId: number): SettledRow => ({
  eventId,
  status: 'failed',
  nextAttemptAt: 'later',
  lastStatus: 500,
  lastError: 'HTTP 500',
  deliveredAt: null,
});

describe('cursor windows: first attempts recorded once their endpoint position passes them', () => {
  it('moves a position only past a settled prefix, with the rows it passes, and past unwanted events once all is settled', () => {
    const w = createCursorWindows();
    w.open(1, 10);
    // events 11..20 read; 12, 15 and 18 are the endpoint's (the rest it does not receive)
    w.add(1, [12, 15, 18], 20);
    expect(w.advances()).toEqual([{ endpointId: 1, toEventId: 11, rows: [] }]);
    w.done(1, failed(15));
    expect(w.advances()).toEqual([{ endpointId: 1, toEventId: 11, rows: [] }]);
    w.done(1, delivered(12));
    expect(w.advances()).toEqual([{ endpointId: 1, toEventId: 17, rows: [delivered(12), failed(15)] }]);
    w.committed(w.advances());
    expect(w.busy(1)).toBe(true);
    w.done(1, delivered(18));
    const last = w.advances();
    expect(last).toEqual([{ endpointId: 1, toEventId: 20, rows: [delivered(18)] }]);
    w.committed(last);
    expect(w.advances()).toEqual([]);
    expect(w.busy(1)).toBe(false);
    expect(w.readFrom(1)).toBe(20);
  });

  it('an outcome arriving while its advance is being written joins the next one', () => {
    const w = createCursorWindows();
    w.open(1, 0);
    w.add(1, [1, 2], 2);
    w.done(1, delivered(1));
    const writing = w.advances();
    w.done(1, delivered(2));
    w.committed(writing);
    expect(w.advances()).toEqual([{ endpointId: 1, toEventId: 2, rows: [delivered(2)] }]);
  });

  it('released events (a disabled endpoint) are read again from before the first of them; a moved position starts the window again', () => {
    const w = createCursorWindows();
    w.open(1, 0);
    w.add(1, [1, 2, 3], 9);
    w.done(1, failed(1));
    w.release(1, [2, 3]);
    expect(w.readFrom(1)).toBe(1);
    expect(w.advances()).toEqual([{ endpointId: 1, toEventId: 1, rows: [failed(1)] }]);
    w.committed(w.advances());
    // the same position keeps the window; another one (a dispatcher that held the lease since) replaces it
    w.open(1, 1);
    expect(w.readFrom(1)).toBe(1);
    w.add(1, [4], 4);
    w.open(1, 7);
    expect(w.busy(1)).toBe(false);
    expect(w.readFrom(1)).toBe(7);
    // an outcome for a forgotten window is dropped: another dispatcher records that event
    w.forget(1);
    w.done(1, delivered(4));
    expect(w.holds(1)).toBe(false);
    expect(w.advances()).toEqual([]);
  });
});
