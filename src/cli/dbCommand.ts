import { Command } from 'commander';
import { grantStatements } from '../db/grantStatements.js';
import { say, type CliDeps } from './CliDeps.js';
import { UsageError } from './exitCodes.js';

/** `chartgate db grants [--database NAME] [--read-user U] [--write-user U] [--host H] [--mysql8]`: least-privilege GRANTs. */
export function dbCommand(deps: CliDeps): Command {
  const db = new Command('db').description('database administration');
  db.command('grants')
    .description('print GRANT statements: a SELECT-only read account and a service account that can only INSERT into securitylog')
    .option('--database <name>', "the practice database (default: DATABASE_URL's database)")
    .option('--read-user <user>', 'the read account (READ_DATABASE_URL)', 'chartgate_read')
    .option('--write-user <user>', 'the service account (DATABASE_URL)', 'chartgate_service')
    .option('--host <host>', "the accounts' host part", '%')
    .option('--mysql8', 'MySQL 8: also grant UPDATE on operatory/provider, needed for FOR UPDATE row locks (MariaDB needs only SELECT)')
    .action((o: { database?: string; readUser: string; writeUser: string; host: string; mysql8?: boolean }) => {
      let database = o.database;
      if (!database) {
        const url = deps.loadConfig().db.url;
        database = url ? decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) : undefined;
      }
      if (!database) throw new UsageError('--database is required when DATABASE_URL names no database (grants are for MySQL/MariaDB)');
      for (const line of grantStatements({ database, readUser: o.readUser, writeUser: o.writeUser, host: o.host, mysql8RowLocks: o.mysql8 })) say(line);
    });
  return db;
}
