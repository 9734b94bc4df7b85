import type { ColumnDataType, Migration } from 'kysely';
import { str, tableCreator, type MigrationDb } from './columnHelpers.js';

/**
 * The integration lifecycle: deleted clients keep their rows (`deleted_at`), a client can log its
 * unregistered operations (`operation_log`, the rollout's log mode), certified operations carry an
 * app version label and a retirement time, operations seen in log mode keep their documents
 * (gw_operation_seen, replayed by `schema check` and promoted by `operations promote`), and the
 * integration log is indexed by operation hash for last-use figures.
 */
export const lifecycle = (dialect: 'mysql' | 'sqlite'): Migration => ({ up: (db) => up(db, dialect === 'mysql') });

async function up(db: MigrationDb, isMysql: boolean): Promise<void> {
  // one column per statement: SQLite's ALTER TABLE adds one at a time
  const add = (table: string, column: string, type: ColumnDataType, notNullDefault?: string | number) =>
    db.schema
      .alterTable(table)
      .addColumn(column, type, (c) => (notNullDefault === undefined ? c : c.notNull().defaultTo(notNullDefault)))
      .execute();
  await add('gw_client', 'deleted_at', 'datetime');
  await add('gw_client', 'operation_log', 'integer', 0);
  await add('gw_operation', 'app_name', str(100), '');
  await add('gw_operation', 'app_version', str(100), '');
  await add('gw_operation', 'retired_at', 'datetime');

  await tableCreator(db, isMysql)('gw_operation_seen', (t) =>
    t
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('client_id', 'integer', (c) => c.notNull())
      .addColumn('hash', str(64), (c) => c.notNull())
      .addColumn('name', str(200), (c) => c.notNull().defaultTo(''))
      .addColumn('document', 'text', (c) => c.notNull())
      .addColumn('first_seen_at', 'datetime', (c) => c.notNull())
      .addUniqueConstraint('gw_operation_seen_client_hash', ['client_id', 'hash']),
  );
  // persisted-query lookups come by hash alone; last-use figures group the log by client and hash
  await db.schema.createIndex('gw_operation_hash').on('gw_operation').column('hash').execute();
  await db.schema.createIndex('gw_request_log_client_operation').on('gw_request_log').columns(['client_id', 'operation_hash', 'created_at']).execute();
}
