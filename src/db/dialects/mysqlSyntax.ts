import { sql, type SelectQueryBuilder } from 'kysely';
import type { Flavor } from '../Db.js';
import type { DialectSyntax } from './DialectSyntax.js';

const SELECT = /^\s*select\b/i;

/** MySQL and MariaDB: row locks, and each flavor's own statement deadline. */
export function mysqlSyntax(flavor: Exclude<Flavor, 'sqlite'>): DialectSyntax {
  return {
    flavor,
    forUpdate: <DB, TB extends keyof DB, O>(q: SelectQueryBuilder<DB, TB, O>) => q.forUpdate(),
    forShare: <DB, TB extends keyof DB, O>(q: SelectQueryBuilder<DB, TB, O>) => q.modifyEnd(sql`lock in share mode`),
    // MariaDB 10.6+ and MySQL 8.0+
    skipLocked: <DB, TB extends keyof DB, O>(q: SelectQueryBuilder<DB, TB, O>) => q.forUpdate().skipLocked(),
    withDeadline(sqlText, deadlineMs) {
      if (deadlineMs <= 0 || !SELECT.test(sqlText)) return sqlText;
      // MariaDB: SET STATEMENT max_statement_time (seconds); MySQL 5.7+: the MAX_EXECUTION_TIME optimizer hint (ms)
      if (flavor === 'mariadb') return `SET STATEMENT max_statement_time=${(deadlineMs / 1000).toFixed(3)} FOR ${sqlText}`;
      return sqlText.replace(SELECT, `select /*+ MAX_EXECUTION_TIME(${Math.ceil(deadlineMs)}) */`);
    },
    seedInOneTransaction: false,
  };
}
