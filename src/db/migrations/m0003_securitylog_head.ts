import type { MigrationDb } from './columnHelpers.js';
import type { Migration } from 'kysely';

/**
 * The gw_setting row every securitylog append locks (src/audit/appendSecurityLog.ts). It must
 * exist before the first write: creating it inside concurrent transactions would deadlock on
 * MySQL's gap locks. Its value never changes, so the identity poller never reloads because of it.
 */
export const securityLogHead = (): Migration => ({
  async up(db: MigrationDb) {
    await db.insertInto('gw_setting').values({ name: 'securitylog_head', value: 'lock', updated_at: '2000-01-01 00:00:00' }).execute();
  },
});
