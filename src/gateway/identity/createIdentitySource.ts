import { sql } from 'kysely';
import { SECURITY_LOG_HEAD } from '../../audit/securityLogHead.js';
import type { Db } from '../../db/Db.js';
import type { SqlRunner } from '../../db/SqlRunner.js';
import type { IdentitySnapshot } from './IdentitySnapshot.js';
import { loadIdentitySnapshot } from './loadIdentitySnapshot.js';

/** Where the identity cache comes from: the gw_ client, key and setting tables. */
export interface IdentitySource {
  /** A cheap fingerprint of everything a snapshot depends on; a reload is needed only when it changes. */
  probe(): Promise<string>;
  /** Every client, live key, clinic and IP restriction, the API switch and the revoked tokens. */
  load(now: Date): Promise<IdentitySnapshot>;
}

/**
 * Two small statements per probe: COUNT/MAX(updated_at) of gw_client (the sum of active ids
 * catches a hand-made status change within the same second) and every gw_setting row (the API
 * switch and the identity epoch that client, key and token changes replace; not the security log's head).
 */
export function createIdentitySource(db: Db, runner: SqlRunner): IdentitySource {
  const k = db.interactive;
  return {
    async probe() {
      const [clients, settings] = await Promise.all([
        runner.readInteractive(
          'identity.probe.clients',
          k
            .selectFrom('gw_client')
            .select([
              sql<number>`COUNT(*)`.as('n'),
              sql<string | null>`MAX(updated_at)`.as('changed'),
              sql<number | null>`SUM(CASE WHEN status = 'active' THEN id ELSE 0 END)`.as('active'),
            ]),
        ),
        // the security log's head moves with every write and holds no identity state
        runner.readInteractive(
          'identity.probe.settings',
          k.selectFrom('gw_setting').select(['name', 'value', 'updated_at']).where('name', '<>', SECURITY_LOG_HEAD),
        ),
      ]);
      const c = clients[0];
      return [`clients=${c?.n}:${c?.changed ?? ''}:${c?.active ?? 0}`, ...settings.map((r) => `${r.name}=${r.value}@${r.updated_at}`).sort()].join('|');
    },
    load: (now) => loadIdentitySnapshot(k, runner, now),
  };
}
