import { MysqlAdapter, sql, type Kysely } from 'kysely';
import type { SqlRunner } from '../db/SqlRunner.js';
import type { Database } from '../db/tables.js';
import type { Stamp } from './Stamp.js';
import { securityLogHash } from './securityLogHash.js';

/** gw_setting row every appender locks, so two transactions can never chain to the same tail. */
export const SECURITY_LOG_LOCK = 'securitylog_head';

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
 * serialised by a row lock (MySQL: SELECT ... FOR UPDATE on gw_setting 'securitylog_head', taken
 * last by every writer so the lock order stays fixed; SQLite has one writer at a time). The row
 * gets the next SecurityLogNum explicitly so the number is part of the hashed content.
 */
export async function appendSecurityLog(trx: Kysely<Database>, runner: SqlRunner, entry: SecurityLogEntry): Promise<number> {
  await lockChainHead(trx, runner);
  const tailQuery = trx.selectFrom('securitylog').select(['SecurityLogNum', 'LogHash']).orderBy('SecurityLogNum', 'desc').limit(1);
  // MySQL: a locking read sees the latest committed tail, not the transaction's older snapshot;
  // a shared lock needs only SELECT, so the service account keeps INSERT-only rights on securitylog
  const last = await runner.exec(trx, 'securitylog.tail', isMysqlTrx(trx) ? tailQuery.modifyEnd(sql`lock in share mode`) : tailQuery);
  const tail = last.rows[0];
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

/** True inside a MySQL/MariaDB connection (row locks and INSERT IGNORE), false on SQLite. */
export const isMysqlTrx = (trx: Kysely<Database>): boolean => trx.getExecutor().adapter instanceof MysqlAdapter;

async function lockChainHead(trx: Kysely<Database>, runner: SqlRunner): Promise<void> {
  // SQLite runs one write transaction at a time: nothing to lock
  if (!isMysqlTrx(trx)) return;
  const select = () =>
    runner.exec(trx, 'securitylog.lock', trx.selectFrom('gw_setting').select('name').where('name', '=', SECURITY_LOG_LOCK).forUpdate());
  if ((await select()).rows.length > 0) return;
  // first write ever: create the lock row (a concurrent creator's insert is ignored), then lock it
  await runner.exec(
    trx,
    'securitylog.lockCreate',
    trx.insertInto('gw_setting').ignore().values({ name: SECURITY_LOG_LOCK, value: 'lock', updated_at: '2000-01-01 00:00:00' }),
  );
  await select();
}
