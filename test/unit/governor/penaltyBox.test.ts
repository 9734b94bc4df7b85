import { describe, expect, it } from 'vitest';
import { createPenaltyBox } from '../../../src/governor/admission/createPenaltyBox.js';
import { ErrorCode } from '../../../src/lib/ErrorCode.js';

/** A box on a hand-moved clock whose waits advance that clock (and record how long they were). */
function boxAt(holdMs: number, maxHeld = 10) {
  let t = 1_000_000;
  const waits: number[] = [];
  const box = createPenaltyBox({
    holdMs,
    maxHeld,
    now: () => t,
    wait: async (ms) => {
      waits.push(ms);
      t += ms;
    },
  });
  return { box, waits, advance: (ms: number) => (t += ms) };
}

describe('penalty box', () => {
  it('a client never refused runs at once', async () => {
    const { box, waits } = boxAt(1000);
    await expect(box.admit(1)).resolves.toBeUndefined();
    expect(waits).toEqual([]);
  });

  it('a client back early is held until its time, then runs', async () => {
    const { box, waits, advance } = boxAt(1000);
    box.refuse(1, 1);
    advance(300);
    await expect(box.admit(1)).resolves.toBeUndefined();
    expect(waits).toEqual([700]);
  });

  it('a client still early after the hold is refused with THROTTLED and the time left', async () => {
    const { box, waits } = boxAt(1000);
    box.refuse(1, 5);
    await expect(box.admit(1)).rejects.toMatchObject({ code: ErrorCode.THROTTLED, details: { limit: 'retryAfter', retryAfterSeconds: 4 } });
    expect(waits).toEqual([1000]);
  });

  it('with no hold, an early client is refused at once; other clients are not affected', async () => {
    const { box, waits } = boxAt(0);
    box.refuse(1, 2);
    await expect(box.admit(1)).rejects.toMatchObject({ code: ErrorCode.THROTTLED, details: { retryAfterSeconds: 2 } });
    await expect(box.admit(2)).resolves.toBeUndefined();
    expect(waits).toEqual([]);
  });

  it('a client that waited its time is free again; a shorter refusal never shortens a longer one', async () => {
    const { box, advance } = boxAt(0);
    box.refuse(1, 10);
    box.refuse(1, 1);
    advance(5000);
    await expect(box.admit(1)).rejects.toMatchObject({ code: ErrorCode.THROTTLED });
    advance(5000);
    await expect(box.admit(1)).resolves.toBeUndefined();
  });

  it('past maxHeld requests held at once, early ones are refused without a hold', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const box = createPenaltyBox({ holdMs: 1000, maxHeld: 1, now: () => 0, wait: () => gate });
    box.refuse(1, 1);
    const first = box.admit(1);
    expect(box.held()).toBe(1);
    await expect(box.admit(1)).rejects.toMatchObject({ code: ErrorCode.THROTTLED });
    release();
    await expect(first).rejects.toMatchObject({ code: ErrorCode.THROTTLED }); // the clock never moved: still early
    expect(box.held()).toBe(0);
  });
});
