import type { Migration } from 'kysely';
import type { MigrationDb } from './columnHelpers.js';

/**
 * gw_idempotency records a write's outcome instead of its response: the lease of the request
 * that holds the key (token and expiry in epoch ms), the entity the committed write produced,
 * and when the key expires. The old rows are deleted: their stored responses held issued API
 * keys in plaintext, and a replay now needs the recorded outcome they lack.
 */
export const idempotencyOutcome = (): Migration => ({
  async up(db: MigrationDb) {
    const columns = [
      ['lease_token', 'varchar(80)'],
      ['lease_until_ms', 'bigint'],
      ['outcome', 'varchar(200)'],
      ['committed_at', 'datetime'],
      ['expires_at', 'datetime'],
    ] as const;
    // one column per statement: SQLite's ALTER TABLE adds one at a time
    for (const [name, type] of columns) await db.schema.alterTable('gw_idempotency').addColumn(name, type).execute();
    await db.schema.createIndex('gw_idempotency_expires').on('gw_idempotency').column('expires_at').execute();
    await db.deleteFrom('gw_idempotency').execute();
  },
});
