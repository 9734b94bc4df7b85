import type { Kysely } from 'kysely';
import type { SqlRunner } from '../db/SqlRunner.js';
import type { Database } from '../db/tables.js';
import type { SecurityLogMac } from './createSecurityLogMac.js';
import { formatHead, readHead, SECURITY_LOG_HEAD, type SecurityLogHead } from './securityLogHead.js';

/** Permission type of the row that seals an unkeyed log: its MAC covers the unkeyed chain before it. */
const SEALED_PERM_TYPE = 'SecurityLogSealed';

export interface SealStamp {
  userNum: number;
  programNum: number;
  apiKeyNum: number;
  requestId: string;
  /** UTC 'YYYY-MM-DD HH:MM:SS' */
  at: string;
}

/** Replaces the head row's value inside the caller's transaction. */
export async function writeHead(trx: Kysely<Database>, runner: SqlRunner, mac: SecurityLogMac, head: SecurityLogHead, at: string): Promise<void> {
  await runner.exec(
    trx,
    'securitylog.head',
    trx
      .updateTable('gw_setting')
      .set({ value: formatHead(head, mac), updated_at: at })
      .where('name', '=', SECURITY_LOG_HEAD),
  );
}

/**
 * Locks the head row (MySQL: FOR UPDATE; SQLite has one writer at a time) and returns the signed
 * head. A log that was never sealed is sealed here: when it already has (unkeyed) rows, a
 * checkpoint row is appended whose MAC covers the last of them, and the keyed segment starts there.
 * A missing or invalid head fails closed: nothing is appended until an operator looks (docs/audit.md).
 */
export async function lockSecurityLogHead(trx: Kysely<Database>, runner: SqlRunner, mac: SecurityLogMac, stamp: SealStamp): Promise<SecurityLogHead> {
  const locked = await runner.exec(
    trx,
    'securitylog.lock',
    runner.syntax.forUpdate(trx.selectFrom('gw_setting').select('value').where('name', '=', SECURITY_LOG_HEAD)),
  );
  const state = readHead(locked.rows[0]?.value, mac);
  if (state.kind === 'sealed') return state.head;
  if (state.kind === 'missing') throw new Error('the securitylog head anchor row is missing: run `chartgate audit verify`');
  if (state.kind === 'invalid') throw new Error(`the securitylog head anchor is invalid: ${state.reason}; run \`chartgate audit verify\``);

  // a shared locking read sees the latest committed tail and needs only SELECT
  const tailQuery = trx.selectFrom('securitylog').select(['SecurityLogNum', 'LogHash']).orderBy('SecurityLogNum', 'desc').limit(1);
  const tail = (await runner.exec(trx, 'securitylog.tail', runner.syntax.forShare(tailQuery))).rows[0];
  if (!tail) {
    const head = { from: 1, n: 0, hash: '' };
    await writeHead(trx, runner, mac, head, stamp.at);
    return head;
  }
  const last = Number(tail.SecurityLogNum);
  const checkpoint = {
    SecurityLogNum: last + 1,
    PermType: SEALED_PERM_TYPE,
    UserNum: stamp.userNum,
    ProgramNum: stamp.programNum,
    ApiKeyNum: stamp.apiKeyNum,
    RequestId: stamp.requestId,
    LogDateTime: stamp.at,
    PatNum: 0,
    FKey: 0,
    LogSource: 'API',
    LogText: `Security log sealed with the audit key ${mac.keyId}: rows 1-${last} were written unkeyed; this row's MAC covers their chain`,
    Changes: '{}',
    PrevHash: String(tail.LogHash),
  };
  const hash = mac.row(checkpoint);
  await runner.exec(trx, 'securitylog.seal', trx.insertInto('securitylog').values({ ...checkpoint, LogHash: hash }));
  const head = { from: last + 1, n: last + 1, hash };
  await writeHead(trx, runner, mac, head, stamp.at);
  return head;
}
