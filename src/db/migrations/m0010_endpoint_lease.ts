import type { Migration } from 'kysely';
import { str, type MigrationDb } from './columnHelpers.js';

/**
 * Webhook endpoints carry the dispatcher that holds their new events and until when: first
 * attempts are delivered from the outbox by that holder and recorded once, when settled.
 */
export const endpointLease = (): Migration => ({ up: (db) => up(db) });

async function up(db: MigrationDb): Promise<void> {
  // one column per statement: SQLite's ALTER TABLE adds one at a time
  await db.schema.alterTable('gw_webhook_endpoint').addColumn('lease_owner', str(64)).execute();
  await db.schema.alterTable('gw_webhook_endpoint').addColumn('lease_until', 'datetime').execute();
}
