import type { Transaction } from 'kysely';
import type { Database } from '../../db/tables.js';
import type { SqlRunner } from '../../db/SqlRunner.js';
import type { Principal } from '../../auth/Principal.js';
import { appendSecurityLog } from '../../audit/appendSecurityLog.js';
import { stampFor } from '../../audit/Stamp.js';

export interface AdminLogEntry {
  /** e.g. 'ClientCreate', 'ClientSuspend', 'ApiKeyRotate' */
  permType: string;
  /** the gw_client id or key id acted on */
  fKey: number;
  logText: string;
  changes?: Record<string, [unknown, unknown]>;
}

/** Admin actions' securitylog rows, written by src/audit's appender so one hash chain covers every row. */
export function createAdminLogAppender(runner: SqlRunner, principal: Principal, requestId: string, clock: () => Date) {
  return async (trx: Transaction<Database>, entry: AdminLogEntry): Promise<void> => {
    await appendSecurityLog(trx, runner, {
      stamp: stampFor(principal, requestId, clock),
      permType: entry.permType,
      fKey: entry.fKey,
      logText: entry.logText,
      changes: entry.changes,
    });
  };
}
