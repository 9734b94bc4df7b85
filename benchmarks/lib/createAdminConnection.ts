import mysql from 'mysql2/promise';

/**
 * The runner's own connection to MariaDB, outside chartgate's pools: it creates the bench
 * database, reads the marker, polls information_schema.PROCESSLIST and toggles the general log,
 * without taking a connection the server under test would use.
 */
export type AdminConnection = mysql.Connection;

/** Opens a connection to the server of `url`; with `withDatabase: false` to no database at all. */
export async function createAdminConnection(url: string, withDatabase = true): Promise<AdminConnection> {
  const u = new URL(url);
  return mysql.createConnection({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username || 'root'),
    password: decodeURIComponent(u.password),
    database: withDatabase ? databaseOf(url) : undefined,
    dateStrings: true,
    multipleStatements: false,
  });
}

/** The database name in a mysql:// URL (its path); throws when missing. */
export function databaseOf(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`BENCH_MYSQL_URL must name a plain database (letters, digits, _), got "${name}"`);
  return name;
}
