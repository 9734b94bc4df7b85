import type { Migration } from 'kysely';
import { str, tableCreator, type MigrationDb } from './columnHelpers.js';

/**
 * The admin console: its users (people, each with a userod row so stamps and the security log
 * name them), their sessions, the instances' identity reports (so the console can show when every
 * instance has honoured a kill switch) and each request's database time in the integration log.
 */
export const consoleTables = (dialect: 'mysql' | 'sqlite'): Migration => ({ up: (db) => up(db, dialect === 'mysql') });

async function up(db: MigrationDb, isMysql: boolean): Promise<void> {
  const table = tableCreator(db, isMysql);
  await table('gw_admin_user', (t) =>
    t
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('user_num', 'integer', (c) => c.notNull())
      .addColumn('user_name', str(50), (c) => c.notNull().unique())
      .addColumn('role', str(32), (c) => c.notNull())
      .addColumn('password_hash', str(255), (c) => c.notNull())
      .addColumn('totp_secret', str(64))
      .addColumn('totp_pending_secret', str(64))
      .addColumn('totp_last_counter', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('status', str(16), (c) => c.notNull().defaultTo('active'))
      .addColumn('created_at', 'datetime', (c) => c.notNull())
      .addColumn('updated_at', 'datetime', (c) => c.notNull())
      .addColumn('last_login_at', 'datetime'),
  );
  await table('gw_admin_session', (t) =>
    t
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('admin_user_id', 'integer', (c) => c.notNull())
      .addColumn('token_hash', str(64), (c) => c.notNull().unique())
      .addColumn('csrf_token', str(64), (c) => c.notNull())
      .addColumn('totp_pending', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('client_ip', str(64), (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', 'datetime', (c) => c.notNull())
      .addColumn('expires_at', 'datetime', (c) => c.notNull())
      .addColumn('last_seen_at', 'datetime', (c) => c.notNull()),
  );
  await table('gw_instance', (t) =>
    t
      .addColumn('id', str(64), (c) => c.primaryKey())
      .addColumn('host', str(255), (c) => c.notNull().defaultTo(''))
      .addColumn('pid', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('started_at', 'datetime', (c) => c.notNull())
      .addColumn('identity_epoch', str(64), (c) => c.notNull().defaultTo(''))
      .addColumn('epoch_loaded_at', 'datetime', (c) => c.notNull())
      .addColumn('seen_at', 'datetime', (c) => c.notNull()),
  );
  await db.schema
    .alterTable('gw_request_log')
    .addColumn('db_ms', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('gw_admin_session_user').on('gw_admin_session').column('admin_user_id').execute();
}
