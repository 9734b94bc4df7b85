import { DomainError } from '../../lib/DomainError.js';
import { ErrorCode } from '../../lib/ErrorCode.js';

/**
 * Clients that were just told to come back later (THROTTLED, OVERLOADED with Retry-After). One
 * that returns early is held until its time, at most `holdMs`, and then runs; if it is still early
 * after the hold it is refused before its document is even parsed. A client that ignores
 * Retry-After in a tight loop therefore sends at most one request per connection per hold, and
 * refusing it costs almost nothing: it cannot turn refusals into load on the practice's machine.
 */
export interface PenaltyBox {
  /** the client was just answered with Retry-After `seconds` */
  refuse(clientId: number, seconds: number): void;
  /** waits out the client's remaining time (at most holdMs); throws THROTTLED if it is still early then */
  admit(clientId: number, signal?: AbortSignal): Promise<void>;
  /** requests being held right now */
  held(): number;
}

export interface PenaltyBoxOptions {
  /** GOVERNOR_REFUSAL_HOLD_MS: the longest an early request is held; 0 = refuse at once */
  holdMs: number;
  /** requests held at once in all; beyond it early requests are refused at once (each held one is a socket and a timer) */
  maxHeld: number;
  now?: () => number;
  /** waits `ms`, or until `signal` aborts (injected by tests) */
  wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const defaultWait = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

export function createPenaltyBox(opts: PenaltyBoxOptions): PenaltyBox {
  const now = opts.now ?? Date.now;
  const wait = opts.wait ?? defaultWait;
  const until = new Map<number, number>();
  let holding = 0;
  const early = (left: number) =>
    new DomainError(ErrorCode.THROTTLED, 'This client was asked to retry later and came back early', {
      details: { limit: 'retryAfter', retryAfterSeconds: Math.max(1, Math.ceil(left / 1000)) },
    });
  return {
    refuse(clientId, seconds) {
      const t = now() + seconds * 1000;
      if (t > (until.get(clientId) ?? 0)) until.set(clientId, t);
    },
    async admit(clientId, signal) {
      const t = until.get(clientId);
      if (t === undefined) return;
      let left = t - now();
      if (left <= 0) {
        until.delete(clientId);
        return;
      }
      if (opts.holdMs > 0 && holding < opts.maxHeld) {
        holding++;
        try {
          await wait(Math.min(left, opts.holdMs), signal);
        } finally {
          holding--;
        }
        left = (until.get(clientId) ?? 0) - now();
        if (left <= 0) return;
      }
      throw early(left);
    },
    held: () => holding,
  };
}
