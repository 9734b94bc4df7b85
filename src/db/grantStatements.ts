/** Tables chartgate's services write (INSERT/UPDATE; never DELETE: rows change status instead). */
const DOMAIN_WRITE_TABLES = ['patient', 'appointment', 'histappointment', 'procedurelog', 'payment', 'paysplit', 'userod'] as const;
/** rows bookings lock with SELECT ... FOR UPDATE */
const ROW_LOCK_TABLES = ['operatory', 'provider'] as const;
/** chartgate's own tables: the service account manages them fully (request-log pruning, idempotency claims). */
const GATEWAY_TABLES = [
  'gw_client',
  'gw_api_key',
  'gw_client_clinic',
  'gw_client_ip',
  'gw_client_user',
  'gw_setting',
  'gw_operation',
  'gw_request_log',
  'gw_idempotency',
  'gw_revoked_token',
  'gw_outbox',
  'gw_webhook_endpoint',
  'gw_delivery',
] as const;

export interface GrantOptions {
  /** the practice database */
  database: string;
  /** the read path's account (READ_DATABASE_URL); default 'chartgate_read' */
  readUser?: string;
  /** the services' account (DATABASE_URL); default 'chartgate_service' */
  writeUser?: string;
  /** the accounts' host part; default '%' */
  host?: string;
  /** also grant UPDATE on operatory/provider for MySQL 8's FOR UPDATE rule; default false (MariaDB needs only SELECT) */
  mysql8RowLocks?: boolean;
}

const ident = (name: string) => `\`${name.replace(/`/g, '``')}\``;
const account = (user: string, host: string) => `'${user.replace(/'/g, "''")}'@'${host.replace(/'/g, "''")}'`;

/**
 * GRANT statements for least privilege on MySQL/MariaDB: the read account may only SELECT; the
 * service account may SELECT everything, INSERT/UPDATE the tables it writes, manage the gw_ tables,
 * and only INSERT (never UPDATE or DELETE) into the security log.
 */
export function grantStatements(o: GrantOptions): string[] {
  const host = o.host ?? '%';
  const read = account(o.readUser ?? 'chartgate_read', host);
  const write = account(o.writeUser ?? 'chartgate_service', host);
  const db = ident(o.database);
  return [
    `-- create the accounts first, e.g. CREATE USER ${read} IDENTIFIED BY '...'; CREATE USER ${write} IDENTIFIED BY '...';`,
    `GRANT SELECT ON ${db}.* TO ${read};`,
    `GRANT SELECT ON ${db}.* TO ${write};`,
    ...DOMAIN_WRITE_TABLES.map((t) => `GRANT INSERT, UPDATE ON ${db}.${ident(t)} TO ${write};`),
    ...GATEWAY_TABLES.map((t) => `GRANT INSERT, UPDATE, DELETE ON ${db}.${ident(t)} TO ${write};`),
    `GRANT INSERT ON ${db}.${ident('securitylog')} TO ${write};`,
    `-- MySQL 8 (not MariaDB) wants UPDATE for the SELECT ... FOR UPDATE that serialises bookings; chartgate never updates these rows`,
    ...(o.mysql8RowLocks ? ROW_LOCK_TABLES.map((t) => `GRANT UPDATE ON ${db}.${ident(t)} TO ${write};`) : []),
    `-- migrations (chartgate migrate) run with an owner account, not these two`,
  ];
}
