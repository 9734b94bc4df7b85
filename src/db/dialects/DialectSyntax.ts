import type { SelectQueryBuilder } from 'kysely';
import type { Flavor } from '../Db.js';

/**
 * What differs between the dialects in the statements services write. Everything else is
 * Kysely's portable builder (`orIgnore()` is portable: INSERT IGNORE / INSERT OR IGNORE).
 */
export interface DialectSyntax {
  readonly flavor: Flavor;
  /** A read that locks its rows until commit; SQLite runs one writer at a time and reads as is. */
  forUpdate<DB, TB extends keyof DB, O>(q: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O>;
  /** A shared locking read: sees the latest committed rows and needs only SELECT. */
  forShare<DB, TB extends keyof DB, O>(q: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O>;
  /** A claim: locks its rows and passes over rows another transaction holds, so concurrent claimers never take the same row. */
  skipLocked<DB, TB extends keyof DB, O>(q: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O>;
  /** The statement text with a server-side deadline, when the dialect has one (reads only). */
  withDeadline(sqlText: string, deadlineMs: number): string;
  /** Seeding in one transaction: SQLite's fastest path; MySQL autocommits per multi-row INSERT to keep the undo log small. */
  readonly seedInOneTransaction: boolean;
}
