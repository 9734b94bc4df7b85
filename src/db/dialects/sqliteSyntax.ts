import type { SelectQueryBuilder } from 'kysely';
import type { DialectSyntax } from './DialectSyntax.js';

/** SQLite: one writer at a time (no row locks needed), in-process statements (no deadline). */
export const sqliteSyntax: DialectSyntax = Object.freeze({
  flavor: 'sqlite' as const,
  forUpdate: <DB, TB extends keyof DB, O>(q: SelectQueryBuilder<DB, TB, O>) => q,
  forShare: <DB, TB extends keyof DB, O>(q: SelectQueryBuilder<DB, TB, O>) => q,
  skipLocked: <DB, TB extends keyof DB, O>(q: SelectQueryBuilder<DB, TB, O>) => q,
  withDeadline: (sqlText: string) => sqlText,
  seedInOneTransaction: true,
});
