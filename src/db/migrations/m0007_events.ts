import type { Migration } from 'kysely';
import type { MigrationDb, TableBuilder } from './columnHelpers.js';
import { str, tableCreator } from './columnHelpers.js';

/**
 * Events: the transactional outbox every domain write appends to, webhook endpoints per client,
 * and one delivery row per (event, endpoint) that the dispatcher claims, retries and records.
 */
export const eventTables = (dialect: 'mysql' | 'sqlite'): Migration => ({ up: (db) => up(db, dialect === 'mysql') });

async function up(db: MigrationDb, isMysql: boolean): Promise<void> {
  const table = tableCreator(db, isMysql);
  const id = (t: TableBuilder) => t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
  const int = (t: TableBuilder, name: string) => t.addColumn(name, 'integer', (c) => c.notNull().defaultTo(0));

  await table('gw_outbox', (t) => {
    let b = id(t).addColumn('type', str(64), (c) => c.notNull());
    for (const name of ['entity_id', 'clinic_num', 'user_num', 'program_num']) b = int(b, name);
    return b
      .addColumn('request_id', str(64), (c) => c.notNull().defaultTo(''))
      .addColumn('occurred_at', 'datetime', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('created_at', 'datetime', (c) => c.notNull());
  });

  await table('gw_webhook_endpoint', (t) =>
    int(
      id(t)
        .addColumn('client_id', 'integer', (c) => c.notNull())
        .addColumn('url', str(2000), (c) => c.notNull())
        .addColumn('event_types', str(1000), (c) => c.notNull())
        .addColumn('secret', str(128), (c) => c.notNull())
        .addColumn('previous_secret', str(128))
        .addColumn('previous_secret_expires_at', 'datetime')
        .addColumn('status', str(16), (c) => c.notNull().defaultTo('active'))
        .addColumn('disabled_reason', str(500))
        .addColumn('full_payload', 'integer', (c) => c.notNull().defaultTo(0)),
      // the fan-out position: the last outbox id this endpoint's deliveries were created up to
      'last_event_id',
    )
      .addColumn('failing_since', 'datetime')
      .addColumn('created_at', 'datetime', (c) => c.notNull())
      .addColumn('updated_at', 'datetime', (c) => c.notNull()),
  );

  await table('gw_delivery', (t) =>
    int(
      id(t)
        .addColumn('event_id', 'integer', (c) => c.notNull())
        .addColumn('endpoint_id', 'integer', (c) => c.notNull())
        .addColumn('status', str(16), (c) => c.notNull().defaultTo('pending')),
      'attempts',
    )
      .addColumn('next_attempt_at', 'datetime', (c) => c.notNull())
      .addColumn('last_error', str(1000))
      .addColumn('last_status', 'integer')
      .addColumn('delivered_at', 'datetime')
      .addColumn('created_at', 'datetime', (c) => c.notNull())
      .addUniqueConstraint('gw_delivery_event_endpoint', ['event_id', 'endpoint_id']),
  );

  await db.schema.createIndex('gw_outbox_occurred').on('gw_outbox').columns(['occurred_at', 'id']).execute();
  await db.schema.createIndex('gw_webhook_endpoint_client').on('gw_webhook_endpoint').column('client_id').execute();
  // the claim: one endpoint's due rows in order; and the dispatcher's "which endpoints have work"
  await db.schema.createIndex('gw_delivery_claim').on('gw_delivery').columns(['endpoint_id', 'status', 'next_attempt_at']).execute();
  await db.schema.createIndex('gw_delivery_due').on('gw_delivery').columns(['status', 'next_attempt_at', 'endpoint_id']).execute();
}
