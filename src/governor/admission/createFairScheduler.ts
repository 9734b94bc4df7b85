import { DomainError } from '../../lib/DomainError.js';
import { ErrorCode } from '../../lib/ErrorCode.js';
import { classCapacity } from './classCapacity.js';
import type { AdaptiveLimit } from './createGradientLimit.js';
import { createSweepTimer } from './createSweepTimer.js';

/** How the governor shares the database with a client (gw_client.class). */
export type ClientClass = 'interactive' | 'reporting' | 'bulk';

/** Served in this order; shed in the reverse one. */
const CLASSES: readonly ClientClass[] = ['interactive', 'reporting', 'bulk'];

export interface SlotRequest {
  clientId: number;
  class: ClientClass;
  /** the most statements this client may run at once (its connection share) */
  cap: number;
  /** aborted when the caller hung up: a waiting statement then never starts */
  signal?: AbortSignal;
}

export interface Slot {
  /** gives the slot back; `ms` is the statement's round trip (the adaptive limit learns from it) */
  release(ms: number): void;
}

export interface SchedulerShares {
  /** share of the limit reporting clients may hold together, before strain; default 0.75 */
  reporting: number;
  /** share bulk clients may hold together, before strain; default 0.5 */
  bulk: number;
}

export interface FairSchedulerOptions {
  limit: AdaptiveLimit;
  /** the database's strain now, 0..1: reporting and bulk shares shrink with it */
  strain: () => number;
  /** statements that may wait in all; beyond it the lowest class is shed */
  maxQueued: number;
  /** how long a statement may wait for its slot before OVERLOADED */
  maxWaitMs: number;
  shares?: Partial<SchedulerShares>;
  /** told whenever a statement is refused or shed, by class */
  onShed?: (cls: ClientClass, reason: 'queueFull' | 'timeout' | 'noShare') => void;
}

export interface SchedulerState {
  limit: number;
  inUse: number;
  byClass: Record<ClientClass, { inUse: number; queued: number; capacity: number }>;
}

export interface FairScheduler {
  /** a slot at once when one is free and nobody of this class or a higher one waits; undefined otherwise (then acquire) */
  tryAcquire(req: SlotRequest): Slot | undefined;
  /** waits for a slot (fair between clients, interactive first); throws OVERLOADED when shed */
  acquire(req: SlotRequest): Promise<Slot>;
  /** rejects every waiting statement of a client (it was just switched off) */
  dropClient(clientId: number, error: DomainError): void;
  state(): SchedulerState;
}

interface Waiter {
  req: SlotRequest;
  resolve(slot: Slot): void;
  reject(error: unknown): void;
  /** Date.now() past which it is answered OVERLOADED */
  deadline: number;
  done: boolean;
}

const overloaded = (message: string, retryAfterSeconds = 1) => new DomainError(ErrorCode.OVERLOADED, message, { details: { retryAfterSeconds } });
const cancelled = () => new DomainError(ErrorCode.QUERY_TIMEOUT, 'The request was cancelled');

/**
 * The reporting pool's doorman. Governed statements wait here, not in the database: per-client
 * queues served round-robin within each class, interactive first, reporting next, bulk last. A
 * client never holds more than its cap; reporting and bulk together never take the slots
 * interactive clients are guaranteed, and their shares shrink as the database strains. The total
 * is an adaptive limit that follows the database's round-trip time.
 */
export function createFairScheduler(opts: FairSchedulerOptions): FairScheduler {
  const shares: SchedulerShares = { reporting: 0.75, bulk: 0.5, ...opts.shares };
  const queues = new Map<number, Waiter[]>();
  const rotation: Record<ClientClass, number[]> = { interactive: [], reporting: [], bulk: [] };
  const running = new Map<number, number>();
  const inUseByClass: Record<ClientClass, number> = { interactive: 0, reporting: 0, bulk: 0 };
  const queuedByClass: Record<ClientClass, number> = { interactive: 0, reporting: 0, bulk: 0 };
  let inUse = 0;
  let queued = 0;

  const capacity = (cls: ClientClass, limit: number, strain = opts.strain()): number => classCapacity(cls, limit, strain, shares);

  /** Takes a slot for `req` (the caller checked there is one). */
  const take = (req: SlotRequest): Slot => {
    const { clientId } = req;
    const cls = req.class;
    running.set(clientId, (running.get(clientId) ?? 0) + 1);
    inUseByClass[cls]++;
    const startedWith = ++inUse;
    let released = false;
    return {
      release(ms) {
        if (released) return;
        released = true;
        inUse--;
        inUseByClass[cls]--;
        const n = (running.get(clientId) ?? 1) - 1;
        if (n <= 0) running.delete(clientId);
        else running.set(clientId, n);
        opts.limit.sample(ms, startedWith);
        pump();
      },
    };
  };

  const grant = (w: Waiter) => {
    w.done = true;
    w.resolve(take(w.req));
  };

  const remove = (w: Waiter) => {
    const q = queues.get(w.req.clientId);
    if (!q) return;
    const i = q.indexOf(w);
    if (i >= 0) {
      q.splice(i, 1);
      queued--;
      queuedByClass[w.req.class]--;
    }
    if (q.length === 0) {
      queues.delete(w.req.clientId);
      const r = rotation[w.req.class];
      const j = r.indexOf(w.req.clientId);
      if (j >= 0) r.splice(j, 1);
    }
  };

  const fail = (w: Waiter, error: unknown) => {
    if (w.done) return;
    w.done = true;
    remove(w);
    w.reject(error);
  };

  // one timer for every waiter (not one each, nor an abort listener each: the hot path stays cheap);
  // a hung-up waiter is answered when its turn comes or at the next sweep, and never starts
  const timer = createSweepTimer((now) => {
    let next = Number.POSITIVE_INFINITY;
    for (const q of [...queues.values()]) {
      for (const w of [...q]) {
        if (w.req.signal?.aborted) fail(w, cancelled());
        else if (w.deadline <= now) {
          opts.onShed?.(w.req.class, 'timeout');
          fail(w, overloaded('No database slot freed up in time; retry shortly'));
        } else next = Math.min(next, w.deadline);
      }
    }
    return next;
  });

  /** Grants every slot it can: classes in priority order, clients round-robin within a class. */
  function pump(): void {
    const limit = opts.limit.limit;
    if (queued === 0 || inUse >= limit) return;
    const strain = opts.strain();
    const caps = { interactive: limit, reporting: capacity('reporting', limit, strain), bulk: capacity('bulk', limit, strain) };
    for (;;) {
      if (inUse >= limit) return;
      // something changed this pass (a grant, or a hung-up waiter answered): look again
      let progressed = false;
      for (const cls of CLASSES) {
        const r = rotation[cls];
        if (r.length === 0 || inUseByClass[cls] >= caps[cls]) continue;
        for (let i = 0; i < r.length; i++) {
          const clientId = r[0]!;
          r.push(r.shift()!); // the next turn goes to the next client
          const q = queues.get(clientId);
          const w = q?.[0];
          // hung up while it waited: answered now, and the rotation (which it may have left) is walked again
          if (w?.req.signal?.aborted) {
            fail(w, cancelled());
            progressed = true;
            break;
          }
          if (!w || (running.get(clientId) ?? 0) >= w.req.cap) continue;
          remove(w);
          grant(w);
          progressed = true;
          break;
        }
        if (progressed) break;
      }
      if (!progressed) return;
    }
  }

  /** The newest waiter of a class below `cls` (bulk first), to make room for a higher one. */
  const victimBelow = (cls: ClientClass): Waiter | undefined => {
    for (let c = CLASSES.length - 1; c > CLASSES.indexOf(cls); c--) {
      const clientIds = rotation[CLASSES[c]!];
      for (let i = clientIds.length - 1; i >= 0; i--) {
        const q = queues.get(clientIds[i]!);
        if (q && q.length > 0) return q[q.length - 1];
      }
    }
    return undefined;
  };

  /** the common case, a free slot and nobody of this class or a higher one waiting: taken at once */
  const tryAcquire = (req: SlotRequest): Slot | undefined => {
    if (req.signal?.aborted) return undefined;
    const limit = opts.limit.limit;
    if (inUse >= limit || (running.get(req.clientId) ?? 0) >= req.cap) return undefined;
    const ahead =
      queuedByClass.interactive > 0 || (req.class !== 'interactive' && (queuedByClass.reporting > 0 || (req.class === 'bulk' && queuedByClass.bulk > 0)));
    if (ahead || inUseByClass[req.class] >= capacity(req.class, limit)) return undefined;
    return take(req);
  };

  return {
    tryAcquire,
    acquire(req) {
      if (req.signal?.aborted) return Promise.reject(cancelled());
      const limit = opts.limit.limit;
      if (capacity(req.class, limit) === 0) {
        opts.onShed?.(req.class, 'noShare');
        return Promise.reject(overloaded(`The database is under strain and ${req.class} work is paused; retry later`, 2));
      }
      const now = tryAcquire(req);
      if (now) return Promise.resolve(now);
      return new Promise<Slot>((resolve, reject) => {
        const w: Waiter = { req, resolve, reject, deadline: Date.now() + opts.maxWaitMs, done: false };
        if (queued >= opts.maxQueued) {
          const victim = victimBelow(req.class);
          if (!victim) {
            opts.onShed?.(req.class, 'queueFull');
            reject(overloaded('The reporting queue is full; retry shortly'));
            return;
          }
          opts.onShed?.(victim.req.class, 'queueFull');
          fail(victim, overloaded('Shed to make room for higher-priority work; retry shortly'));
        }
        let q = queues.get(req.clientId);
        if (!q) {
          queues.set(req.clientId, (q = []));
          rotation[req.class].push(req.clientId);
        }
        q.push(w);
        queued++;
        queuedByClass[req.class]++;
        timer.arm(w.deadline);
        pump();
      });
    },
    dropClient(clientId, error) {
      for (const w of [...(queues.get(clientId) ?? [])]) fail(w, error);
    },
    state() {
      const limit = opts.limit.limit;
      const byClass = Object.fromEntries(
        CLASSES.map((c) => [
          c,
          { inUse: inUseByClass[c], queued: rotation[c].reduce((n, id) => n + (queues.get(id)?.length ?? 0), 0), capacity: capacity(c, limit) },
        ]),
      ) as SchedulerState['byClass'];
      return { limit, inUse, byClass };
    },
  };
}
