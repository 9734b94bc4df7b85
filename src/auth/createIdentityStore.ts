import type { IdentitySource } from '../gateway/identity/createIdentitySource.js';
import type { IdentitySnapshot } from '../gateway/identity/IdentitySnapshot.js';

export interface IdentityStore {
  /** Loads the first snapshot and starts polling. */
  start(): Promise<void>;
  /** The snapshot in force; never waits for the database. */
  current(): IdentitySnapshot;
  /** Reloads now (after this instance changed something, so it need not wait for the poll). */
  refresh(): Promise<void>;
  /** One poll: a cheap probe, and a reload only when the probe changed (the timer's tick; tests call it directly). */
  poll(): Promise<void>;
  /** Marks a token revoked at once on this instance (others learn it from the next poll). */
  noteRevokedToken(jti: string, expiresAtMs: number): void;
  /** Refuses a client at once on this instance (the kill switch told it); the next reload confirms it from the database. */
  markSuspended(clientId: number, reason: string): void;
  stop(): Promise<void>;
}

export interface IdentityStoreDeps {
  source: IdentitySource;
  clock: () => Date;
  /** AUTH_POLL_MS; 0 = no timer (tests drive poll() themselves) */
  pollMs: number;
  /** called with every client id that became suspended (or deleted) since the last snapshot (the kill switch ends its statements) */
  onSuspended?: (clientIds: number[]) => Promise<void> | void;
  /** called after every snapshot swap (the instance reporter tells the console which epoch this process enforces) */
  onReload?: (snapshot: IdentitySnapshot) => void;
  onError?: (err: unknown) => void;
}

/**
 * The in-memory identity cache and its poller. Every `pollMs` the source's cheap probe runs; only
 * when it differs does the instance reload the snapshot. So a suspension made on any instance, by
 * the CLI or by hand in SQL, is honoured everywhere within one poll interval plus one reload.
 */
export function createIdentityStore(deps: IdentityStoreDeps): IdentityStore {
  let snapshot: IdentitySnapshot | null = null;
  let fingerprint = '';
  let timer: NodeJS.Timeout | null = null;
  let polling: Promise<void> | null = null;
  const extraRevoked = new Map<string, number>();

  const reload = async (): Promise<void> => {
    const before = snapshot;
    const next = await deps.source.load(deps.clock());
    snapshot = next;
    deps.onReload?.(next);
    if (!before || !deps.onSuspended) return;
    const newlySuspended = [...next.clients.values()]
      // suspended or deleted since the last snapshot: either way its running statements end
      .filter((c) => c.status !== 'active' && before.clients.get(c.id)?.status !== c.status)
      .map((c) => c.id);
    if (newlySuspended.length > 0) await deps.onSuspended(newlySuspended);
  };

  const pollOnce = async (): Promise<void> => {
    const fp = await deps.source.probe();
    if (fp === fingerprint) return;
    await reload();
    fingerprint = fp;
  };

  const poll = (): Promise<void> => {
    // never two polls at once: a slow database must not pile statements up
    polling ??= pollOnce().finally(() => {
      polling = null;
    });
    return polling;
  };

  return {
    async start() {
      fingerprint = await deps.source.probe();
      await reload();
      if (deps.pollMs <= 0) return;
      timer = setInterval(() => {
        poll().catch((err) => deps.onError?.(err));
      }, deps.pollMs);
      timer.unref();
    },
    current() {
      if (!snapshot) throw new Error('identity store not started');
      if (extraRevoked.size === 0) return snapshot;
      const now = deps.clock().getTime();
      for (const [jti, exp] of extraRevoked) if (exp <= now || snapshot.revokedTokens.has(jti)) extraRevoked.delete(jti);
      if (extraRevoked.size === 0) return snapshot;
      return { ...snapshot, revokedTokens: new Map([...snapshot.revokedTokens, ...extraRevoked]) };
    },
    async refresh() {
      fingerprint = await deps.source.probe();
      await reload();
    },
    poll,
    noteRevokedToken(jti, expiresAtMs) {
      extraRevoked.set(jti, expiresAtMs);
    },
    markSuspended(clientId, reason) {
      const client = snapshot?.clients.get(clientId);
      if (!snapshot || !client || client.status === 'suspended') return;
      const clients = new Map(snapshot.clients);
      clients.set(clientId, { ...client, status: 'suspended', suspendedReason: reason });
      snapshot = { ...snapshot, clients };
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await polling?.catch(() => undefined);
    },
  };
}
