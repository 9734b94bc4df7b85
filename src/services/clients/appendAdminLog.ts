import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/tables.js';
import type { SqlRunner } from '../../db/SqlRunner.js';
import type { Principal } from '../../auth/Principal.js';

export interface AdminLogEntry {
  /** e.g. 'ClientCreate', 'ClientSuspend', 'ApiKeyRotate' */
  permType: string;
  /** the gw_client id or key id acted on */
  fKey: number;
  logText: string;
  changes?: Record<string, [unknown, unknown]>;
}

/**
 * Minimal securitylog appender for admin actions: one row chained to the previous LogHash.
 * TODO(writes room): replace with src/audit's appendSecurityLog once it exists, so there is one
 * hash-chain format; the fields written here follow DESIGN.md's securitylog columns.
 */
export function createAdminLogAppender(runner: SqlRunner, principal: Principal, requestId: string, clock: () => Date) {
  return async (trx: Transaction<Database>, entry: AdminLogEntry): Promise<void> => {
    const last = await runner.exec(
      trx,
      'securitylog.last',
      trx.selectFrom('securitylog').select('LogHash').orderBy('SecurityLogNum', 'desc').limit(1),
    );
    const prevHash = last.rows[0]?.LogHash ?? '';
    const row = {
      PermType: entry.permType,
      UserNum: principal.actingUser.userNum,
      ProgramNum: principal.clientId,
      ApiKeyNum: principal.keyId,
      RequestId: requestId,
      LogDateTime: clock().toISOString().slice(0, 19).replace('T', ' '),
      PatNum: 0,
      FKey: entry.fKey,
      LogSource: 'API',
      LogText: entry.logText,
      Changes: JSON.stringify(entry.changes ?? {}),
      PrevHash: prevHash,
    };
    const logHash = createHash('sha256').update(JSON.stringify(row)).digest('hex');
    await runner.exec(trx, 'securitylog.append', trx.insertInto('securitylog').values({ ...row, LogHash: logHash }));
  };
}
