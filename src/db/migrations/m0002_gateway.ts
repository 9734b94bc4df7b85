import type { MigrationDb, TableBuilder } from './columnHelpers.js';
import type { Migration } from 'kysely';
import { str, tableCreator } from './columnHelpers.js';

type Builder = TableBuilder;

/** chartgate's own tables (gw_ prefix, snake_case): clients, keys, switches, certified operations, logs. */
export const gatewayTables = (dialect: 'mysql' | 'sqlite'): Migration => ({ up: (db) => up(db, dialect === 'mysql') });

async function up(db: MigrationDb, isMysql: boolean): Promise<void> {
  const table = tableCreator(db, isMysql);
  const id = (t: Builder) => t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
  const flag = (t: Builder, name: string) => t.addColumn(name, 'integer', (c) => c.notNull().defaultTo(0));

  await table('gw_client', (t) => {
    let b = id(t)
      .addColumn('name', str(100), (c) => c.notNull())
      .addColumn('vendor', str(100), (c) => c.notNull().defaultTo(''))
      .addColumn('kind', str(16), (c) => c.notNull())
      .addColumn('status', str(16), (c) => c.notNull().defaultTo('active'))
      .addColumn('suspended_reason', str(500))
      .addColumn('scopes', str(1000), (c) => c.notNull().defaultTo(''))
      .addColumn('mode', str(16), (c) => c.notNull().defaultTo('enforce'));
    b = flag(flag(flag(b, 'trusted_only'), 'allow_introspection'), 'may_act_for_staff');
    return b
      .addColumn('service_user_num', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('limits', 'text')
      .addColumn('created_at', 'datetime', (c) => c.notNull())
      .addColumn('updated_at', 'datetime', (c) => c.notNull());
  });
  await table('gw_api_key', (t) =>
    id(t)
      .addColumn('client_id', 'integer', (c) => c.notNull())
      .addColumn('prefix', str(64), (c) => c.notNull().unique())
      .addColumn('secret_hash', str(128), (c) => c.notNull())
      .addColumn('created_at', 'datetime', (c) => c.notNull())
      .addColumn('expires_at', 'datetime')
      .addColumn('revoked_at', 'datetime')
      .addColumn('last_used_at', 'datetime'),
  );
  await table('gw_client_clinic', (t) =>
    t
      .addColumn('client_id', 'integer', (c) => c.notNull())
      .addColumn('clinic_num', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('gw_client_clinic_pk', ['client_id', 'clinic_num']),
  );
  await table('gw_client_ip', (t) =>
    t
      .addColumn('client_id', 'integer', (c) => c.notNull())
      .addColumn('cidr', str(64), (c) => c.notNull())
      .addPrimaryKeyConstraint('gw_client_ip_pk', ['client_id', 'cidr']),
  );
  await table('gw_client_user', (t) =>
    t
      .addColumn('client_id', 'integer', (c) => c.notNull())
      .addColumn('user_num', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('gw_client_user_pk', ['client_id', 'user_num']),
  );
  await table('gw_setting', (t) =>
    t
      .addColumn('name', str(64), (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'datetime', (c) => c.notNull()),
  );
  await table('gw_operation', (t) =>
    id(t)
      .addColumn('client_id', 'integer', (c) => c.notNull())
      .addColumn('hash', str(64), (c) => c.notNull())
      .addColumn('name', str(200), (c) => c.notNull().defaultTo(''))
      .addColumn('document', 'text', (c) => c.notNull())
      .addColumn('cost', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'datetime', (c) => c.notNull())
      .addUniqueConstraint('gw_operation_client_hash', ['client_id', 'hash']),
  );
  await table('gw_request_log', (t) =>
    id(t)
      .addColumn('client_id', 'integer', (c) => c.notNull())
      .addColumn('key_id', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('request_id', str(64), (c) => c.notNull())
      .addColumn('operation_name', str(200))
      .addColumn('operation_hash', str(64))
      .addColumn('status', 'integer', (c) => c.notNull())
      .addColumn('error_code', str(64))
      .addColumn('duration_ms', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('rows', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('cost', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('client_ip', str(64), (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', 'datetime', (c) => c.notNull()),
  );
  await table('gw_idempotency', (t) =>
    id(t)
      .addColumn('client_id', 'integer', (c) => c.notNull())
      .addColumn('idem_key', str(200), (c) => c.notNull())
      .addColumn('request_hash', str(64), (c) => c.notNull())
      .addColumn('response', 'text')
      .addColumn('created_at', 'datetime', (c) => c.notNull())
      .addUniqueConstraint('gw_idempotency_client_key', ['client_id', 'idem_key']),
  );
  await table('gw_revoked_token', (t) => t.addColumn('jti', str(64), (c) => c.primaryKey()).addColumn('expires_at', 'datetime', (c) => c.notNull()));

  await db.schema.createIndex('gw_api_key_client').on('gw_api_key').column('client_id').execute();
  await db.schema.createIndex('gw_request_log_client_time').on('gw_request_log').columns(['client_id', 'created_at']).execute();
  await db.schema.createIndex('gw_request_log_time').on('gw_request_log').column('created_at').execute();
  await db.schema.createIndex('gw_client_updated').on('gw_client').column('updated_at').execute();
}
