import type { Db } from '../db/Db.js';
import { createSqlRunner } from '../db/SqlRunner.js';
import type { SecurityLogMac } from './createSecurityLogMac.js';
import { securityLogHash } from './securityLogHash.js';
import { readHead, SECURITY_LOG_HEAD, type SecurityLogHead } from './securityLogHead.js';

/**
 * 'content': the row's LogHash does not match its content (edited, or forged without the key);
 * 'chain': PrevHash is not the LogHash of the row before it (order or presence changed);
 * 'missing': rows before it were removed (a gap in the numbers);
 * 'unanchored': the row lies beyond the signed head (appended behind chartgate's back);
 * 'truncated': the log ends before the row the signed head names (the tail was cut);
 * 'head': the head anchor is missing, unsigned or signed with another key (securityLogNum 0).
 */
export type SecurityLogProblem = 'content' | 'chain' | 'missing' | 'unanchored' | 'truncated' | 'head';

export interface SecurityLogVerdict {
  ok: boolean;
  /** rows checked */
  checked: number;
  /** the signed head (null when the log has never been sealed) */
  head: SecurityLogHead | null;
  /** the first row whose content, order or presence was tampered with, or the first row cut from the tail */
  firstBad?: { securityLogNum: number; problem: SecurityLogProblem; detail: string };
}

export interface VerifyOptions {
  /** rows read per statement; default 1000 */
  batchSize?: number;
}

const range = (from: number, to: number) => (to > from ? `${from}-${to}` : `${from}`);

/**
 * Walks the whole chain in SecurityLogNum order against the signed head. Numbers are dense from 1,
 * so a deleted row shows as a gap, an edited or forged row as a LogHash that no one without the
 * key can produce, and a cut tail as a log that ends before its head. Rows before the head's
 * `from` were written unkeyed; the sealing row's MAC covers their chain. What no check inside the
 * database can see: a rollback of rows and head together to an older state (docs/audit.md).
 */
export async function verifySecurityLog(db: Db, mac: SecurityLogMac, opts: VerifyOptions = {}): Promise<SecurityLogVerdict> {
  const runner = createSqlRunner(db, { clientId: 0, requestId: 'audit-verify' });
  const batch = opts.batchSize ?? 1000;
  const headRows = await runner.readInteractive(
    'securitylog.verify.head',
    db.admin.selectFrom('gw_setting').select('value').where('name', '=', SECURITY_LOG_HEAD),
  );
  const state = readHead(headRows[0]?.value, mac);
  const head = state.kind === 'sealed' ? state.head : null;
  if (state.kind === 'missing' || state.kind === 'invalid') {
    const detail = state.kind === 'missing' ? 'the head anchor (gw_setting securitylog_head) is missing' : state.reason;
    return { ok: false, checked: 0, head, firstBad: { securityLogNum: 0, problem: 'head', detail } };
  }
  let prevHash = '';
  let expectedNum = 1;
  let checked = 0;
  for (;;) {
    const rows = await runner.readInteractive(
      'securitylog.verify',
      db.admin.selectFrom('securitylog').selectAll().where('SecurityLogNum', '>=', expectedNum).orderBy('SecurityLogNum').limit(batch),
    );
    for (const row of rows) {
      const num = Number(row.SecurityLogNum);
      const bad = (problem: SecurityLogProblem, detail: string): SecurityLogVerdict => ({
        ok: false,
        checked,
        head,
        firstBad: { securityLogNum: num, problem, detail },
      });
      if (head === null)
        return bad('head', 'the log has rows but no signed head: it was never sealed with AUDIT_KEY (start chartgate once), or its head was reset');
      if (num !== expectedNum) return bad('missing', `rows ${range(expectedNum, num - 1)} before SecurityLogNum ${num} are missing`);
      if (String(row.PrevHash) !== prevHash) {
        return bad('chain', `SecurityLogNum ${num}: PrevHash does not match the LogHash of the row before it (order or presence changed)`);
      }
      const keyed = num >= head.from;
      const expected = keyed ? mac.row(row) : securityLogHash(row);
      if (!mac.equal(expected, String(row.LogHash))) {
        return bad('content', `SecurityLogNum ${num}: content does not match its ${keyed ? 'keyed MAC' : 'hash'} (row edited or forged)`);
      }
      if (head === null)
        return bad('head', 'the log has rows but no signed head: it was never sealed with AUDIT_KEY (start chartgate once), or its head was reset');
      if (num > head.n) return bad('unanchored', `SecurityLogNum ${num} lies beyond the signed head (SecurityLogNum ${head.n})`);
      prevHash = String(row.LogHash);
      expectedNum = num + 1;
      checked++;
    }
    if (rows.length < batch) break;
  }
  if (head === null) return { ok: true, checked, head };
  if (checked < head.n) {
    return {
      ok: false,
      checked,
      head,
      firstBad: {
        securityLogNum: checked + 1,
        problem: 'truncated',
        detail: `the tail was cut: the log ends at SecurityLogNum ${checked} but its signed head names ${head.n} (rows ${range(checked + 1, head.n)} are gone)`,
      },
    };
  }
  if (prevHash !== head.hash) {
    return {
      ok: false,
      checked,
      head,
      firstBad: { securityLogNum: head.n, problem: 'chain', detail: `SecurityLogNum ${head.n} is not the row the signed head names` },
    };
  }
  return { ok: true, checked, head };
}
