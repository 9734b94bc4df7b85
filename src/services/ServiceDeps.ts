import type { Principal } from '../auth/Principal.js';
import type { SecurityLogAppender } from '../audit/SecurityLog.js';
import type { Stamp } from '../audit/Stamp.js';
import type { Db } from '../db/Db.js';
import type { SqlRunner } from '../db/SqlRunner.js';
import type { WriteOnce } from './createWriteOnce.js';
import type { PagingLimits } from './paging.js';

/** What every domain service closes over; built once per request by createServices. */
export interface ServiceDeps {
  db: Db;
  runner: SqlRunner;
  principal: Principal;
  requestId: string;
  clock: () => Date;
  paging: PagingLimits;
  /** the installation's keyed security log: every write appends through it, in its own transaction */
  securityLog: SecurityLogAppender;
  /**
   * The request's write stamp (user, program, key, request, time: all from the principal), once
   * the principal holds `scope`; FORBIDDEN otherwise, before any SQL. Every write begins here.
   */
  authorizeWrite(scope: string): Stamp;
  /** Every domain write runs through this: its transaction, its Idempotency-Key record, its replay. */
  writeOnce: WriteOnce;
}
