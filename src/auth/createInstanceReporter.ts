import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { IdentitySnapshot } from '../gateway/identity/IdentitySnapshot.js';
import type { InstanceStore } from '../gateway/instances/createInstanceStore.js';
import { toSqlDateTime } from '../lib/dates.js';

export interface InstanceReporter {
  /** this process's id in gw_instance */
  readonly id: string;
  /** the identity store swapped its snapshot: report the new epoch at once */
  noteSnapshot(snapshot: IdentitySnapshot): void;
  /** writes this instance's row now (the timer's tick; tests call it directly) */
  report(): Promise<void>;
  start(): Promise<void>;
  /** stops the timer and removes this instance's row (a stopped instance enforces nothing) */
  stop(): Promise<void>;
}

export interface InstanceReporterDeps {
  store: InstanceStore;
  clock: () => Date;
  /** INSTANCE_HEARTBEAT_MS; 0 = no timer */
  heartbeatMs: number;
  onError?: (err: unknown) => void;
}

/** Rows of instances silent for this long are removed at start-up (crashed processes leave theirs). */
const FORGET_AFTER_MS = 86_400_000;

/**
 * Tells the console which identity epoch this process enforces: once after every snapshot reload
 * (so a kill switch shows as honoured within one poll) and as a heartbeat, so a live instance is
 * told apart from a stopped one.
 */
export function createInstanceReporter(deps: InstanceReporterDeps): InstanceReporter {
  const id = randomUUID();
  const startedAt = toSqlDateTime(deps.clock());
  let epoch = '';
  let loadedAt = startedAt;
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let writing: Promise<void> | null = null;
  let again = false;

  const write = () =>
    deps.store.report({
      id,
      host: hostname(),
      pid: process.pid,
      startedAt,
      identityEpoch: epoch,
      epochLoadedAt: loadedAt,
      seenAt: toSqlDateTime(deps.clock()),
    });

  // one write at a time; a change noticed while writing is written right after
  const report = (): Promise<void> => {
    if (writing) {
      again = true;
      return writing;
    }
    writing = (async () => {
      try {
        do {
          again = false;
          await write();
        } while (again);
      } finally {
        writing = null;
      }
    })();
    return writing;
  };

  return {
    id,
    noteSnapshot(snapshot) {
      epoch = snapshot.identityEpoch;
      loadedAt = toSqlDateTime(deps.clock());
      if (running) report().catch((err) => deps.onError?.(err));
    },
    report,
    async start() {
      running = true;
      await deps.store.prune(toSqlDateTime(new Date(deps.clock().getTime() - FORGET_AFTER_MS)));
      await report();
      if (deps.heartbeatMs <= 0) return;
      timer = setInterval(() => report().catch((err) => deps.onError?.(err)), deps.heartbeatMs);
      timer.unref();
    },
    async stop() {
      running = false;
      if (timer) clearInterval(timer);
      timer = null;
      await writing?.catch(() => undefined);
      await deps.store.remove(id);
    },
  };
}
