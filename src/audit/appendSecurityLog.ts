import type { Kysely } from 'kysely';
import type { SqlRunner } from '../db/SqlRunner.js';
import type { Database } from '../db/tables.js';
import type { Stamp } from './Stamp.js';
import { securityLogHash } from './securityLogHash.js';

/** gw_setting row every appender locks, so two transactions can never chain to the same tail (migration 0003 creates it). */
const SECURITY_LOG_LOCK = 'securitylog_head';

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
 * Appends one hash-chained securitylog row inside the caller's transaction. The chain head is
 * serialised by a row lock (a locking read of gw_setting 'securitylog_head', taken last by every
 * writer so the lock order stays fixed; SQLite has one writer at a time). The row gets the next
 * SecurityLogNum explicitly so the number is part of the hashed content.
 */
export async function appendSecurityLog(trx: Kysely<Database>, runner: SqlRunner, entry: SecurityLogEntry): Promise<number> {
  await runner.exec(trx, 'securitylog.lock', runner.syntax.forUpdate(trx.selectFrom('gw_setting').select('name').where('name', '=', SECURITY_LOG_LOCK)));
  // a shared locking read sees the latest committed tail, not the transaction's older snapshot, and
  // needs only SELECT, so the service account keeps INSERT-only rights on securitylog
  const tailQuery = trx.selectFrom('securitylog').select(['SecurityLogNum', 'LogHash']).orderBy('SecurityLogNum', 'desc').limit(1);
  const tail = (await runner.exec(trx, 'securitylog.tail', runner.syntax.forShare(tailQuery))).rows[0];
  const row = {
    SecurityLogNum: tail ? Number(tail.SecurityLogNum) + 1 : 1,
    PermType: entry.permType,
    UserNum: entry.stamp.userNum,
    ProgramNum: entry.stamp.programNum,
    ApiKeyNum: entry.stamp.apiKeyNum,
    RequestId: entry.stamp.requestId,
    LogDateTime: entry.stamp.at,
    PatNum: entry.patNum ?? 0,
    FKey: entry.fKey,
    LogSource: 'API',
    LogText: entry.logText,
    Changes: JSON.stringify(entry.changes ?? {}),
    PrevHash: tail?.LogHash ?? '',
  };
  await runner.exec(trx, 'securitylog.append', trx.insertInto('securitylog').values({ ...row, LogHash: securityLogHash(row) }));
  return row.SecurityLogNum;
}
