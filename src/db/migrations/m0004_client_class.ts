import type { Migration } from 'kysely';
import type { MigrationDb } from './columnHelpers.js';

/**
 * gw_client.class: interactive (a front desk, a DSO's staff UI), reporting (dashboards) or bulk
 * (exports, syncs). The governor's admission shares the database by it. Existing clients take
 * their kind's default: dashboards report, the rest are interactive.
 */
export const clientClass = (): Migration => ({
  async up(db: MigrationDb) {
    await db.schema
      .alterTable('gw_client')
      .addColumn('class', 'varchar(16)', (c) => c.notNull().defaultTo('interactive'))
      .execute();
    await db.updateTable('gw_client').set({ class: 'reporting' }).where('kind', '=', 'dashboard').execute();
  },
});
