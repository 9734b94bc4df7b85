import type { Kysely } from 'kysely';
import type { SqlRunner } from '../db/SqlRunner.js';
import type { Database } from '../db/tables.js';
import type { SecurityLogMac } from './createSecurityLogMac.js';
import { lockSecurityLogHead, writeHead } from './lockSecurityLogHead.js';
import type { Stamp } from './Stamp.js';

export interface SecurityLogEntry {
  stamp: Stamp;
  /** Open Dental-style permission, e.g. 'AppointmentMove', 'PatientCreate', 'ClientSuspend' */
  permType: string;
  /** the patient the change concerns (0 = none) */
  patNum?: number;
  /** the changed row's key */
  fKey: number;
  /** readable: "Appointment 812 moved from 09:00 to 10:30 by Front Desk Sync through API" */
  logText: string;
  /** { column: [before, after] } of the changed columns */
  changes?: Record<string, readonly [unknown, unknown]>;
}

/**
 * Appends one MACed, chained securitylog row inside the caller's transaction. The head row is
 * locked first (taken last by every writer, so the lock order stays fixed), the row gets the
 * head's next SecurityLogNum and chains on its LogHash, and the head moves to the new row in the
 * same transaction: rows and head can only change together, and only with the key.
 */
export async function appendSecurityLog(trx: Kysely<Database>, runner: SqlRunner, mac: SecurityLogMac, entry: SecurityLogEntry): Promise<number> {
  const { stamp } = entry;
  const head = await lockSecurityLogHead(trx, runner, mac, stamp);
  const row = {
    SecurityLogNum: head.n + 1,
    PermType: entry.permType,
    UserNum: stamp.userNum,
    ProgramNum: stamp.programNum,
    ApiKeyNum: stamp.apiKeyNum,
    RequestId: stamp.requestId,
    LogDateTime: stamp.at,
    PatNum: entry.patNum ?? 0,
    FKey: entry.fKey,
    LogSource: 'API',
    LogText: entry.logText,
    Changes: JSON.stringify(entry.changes ?? {}),
    PrevHash: head.hash,
  };
  const hash = mac.row(row);
  await runner.exec(trx, 'securitylog.append', trx.insertInto('securitylog').values({ ...row, LogHash: hash }));
  await writeHead(trx, runner, mac, { from: head.from, n: row.SecurityLogNum, hash }, stamp.at);
  return row.SecurityLogNum;
}
