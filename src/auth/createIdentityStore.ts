import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import type { SqlRunner } from '../db/SqlRunner.js';
import type { IdentitySnapshot } from './IdentitySnapshot.js';
import { loadIdentitySnapshot } from './loadIdentitySnapshot.js';

export interface IdentityStore {
  /** Loads the first snapshot and starts polling. */
  start(): Promise<void>;
  /** The snapshot in force; never waits for the database. */
  current(): IdentitySnapshot;
  /** Reloads now (after this instance changed something, so it need not wait for the poll). */
  refresh(): Promise<void>;
  /** One poll: a cheap probe, and a reload only when the probe changed. Exposed for tests. */
  poll(): Promise<void>;
  /** Marks a token revoked at once on this instance (others learn it from the next poll). */
  noteRevokedToken(jti: string, expiresAtMs: number): void;
  stop(): Promise<void>;
}

export interface IdentityStoreDeps {
  db: Kysely<Database>;
  /** a runner tagged for chartgate itself (client 0) */
  runner: SqlRunner;
  clock: () => Date;
  /** AUTH_POLL_MS */
  pollMs: number;
  /** called with every client id that became suspended since the last snapshot (ends its statements) */
  onSuspended?: (clientIds: number[]) => Promise<void> | void;
  onError?: (err: unknown) => void;
}

/**
 * The in-memory identity cache and its poller. Every `pollMs` two small statements read
 * COUNT/MAX(updated_at) of gw_client and every gw_setting row (the API switch and the
 * identity epoch that client/key/token changes replace); only when that differs does the
 * instance reload the snapshot. So a suspension made on any instance, by the CLI or by hand in
 * SQL, is honoured everywhere within one poll interval plus one reload.
 */
export function createIdentityStore(deps: IdentityStoreDeps): IdentityStore {
  let snapshot: IdentitySnapshot | null = null;
  let fingerprint = '';
  let timer: NodeJS.Timeout | null = null;
  let polling: Promise<void> | null = null;
  const extraRevoked = new Map<string, number>();

  const probe = async (): Promise<string> => {
    const [clients, settings] = await Promise.all([
      deps.runner.readInteractive(
        'auth.poll.clients',
        deps.db.selectFrom('gw_client').select([
          sql<number>`COUNT(*)`.as('n'),
          sql<string | null>`MAX(updated_at)`.as('changed'),
          // the sum of active ids catches a hand-made status change within the same second
          sql<number | null>`SUM(CASE WHEN status = 'active' THEN id ELSE 0 END)`.as('active'),
        ]),
      ),
      deps.runner.readInteractive('auth.poll.settings', deps.db.selectFrom('gw_setting').select(['name', 'value', 'updated_at'])),
    ]);
    const c = clients[0];
    return [`clients=${c?.n}:${c?.changed ?? ''}:${c?.active ?? 0}`, ...settings.map((r) => `${r.name}=${r.value}@${r.updated_at}`).sort()].join('|');
  };

  const reload = async (): Promise<void> => {
    const before = snapshot;
    const next = await loadIdentitySnapshot(deps.db, deps.runner, deps.clock());
    snapshot = next;
    if (!before || !deps.onSuspended) return;
    const newlySuspended = [...next.clients.values()]
      .filter((c) => c.status === 'suspended' && before.clients.get(c.id)?.status !== 'suspended')
      .map((c) => c.id);
    if (newlySuspended.length > 0) await deps.onSuspended(newlySuspended);
  };

  const pollOnce = async (): Promise<void> => {
    const fp = await probe();
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
      fingerprint = await probe();
      await reload();
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
      fingerprint = await probe();
      await reload();
    },
    poll,
    noteRevokedToken(jti, expiresAtMs) {
      extraRevoked.set(jti, expiresAtMs);
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await polling?.catch(() => undefined);
    },
  };
}
