import type { Db } from '../db/Db.js';
import { createSqlRunner } from '../db/SqlRunner.js';
import { securityLogHash } from './securityLogHash.js';

export interface SecurityLogVerdict {
  ok: boolean;
  /** rows checked */
  checked: number;
  /** the first row whose content, order or presence was tampered with */
  firstBad?: {
    securityLogNum: number;
    /** 'content': LogHash does not match; 'chain': PrevHash is not the previous row's LogHash; 'missing': rows before it were removed */
    problem: 'content' | 'chain' | 'missing';
    detail: string;
  };
}

export interface VerifyOptions {
  /** rows read per statement; default 1000 */
  batchSize?: number;
}

/**
 * Walks the whole chain in SecurityLogNum order. Numbers are dense from 1 (the appender assigns
 * them), so a deleted row shows as a gap or a broken PrevHash; an edited row as a LogHash mismatch.
 * Known limit: removing rows only from the very end leaves a valid shorter chain.
 */
export async function verifySecurityLog(db: Db, opts: VerifyOptions = {}): Promise<SecurityLogVerdict> {
  const runner = createSqlRunner(db, { clientId: 0, requestId: 'audit-verify' });
  const batch = opts.batchSize ?? 1000;
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
      const bad = (problem: 'content' | 'chain' | 'missing', detail: string): SecurityLogVerdict => ({
        ok: false,
        checked,
        firstBad: { securityLogNum: num, problem, detail },
      });
      if (num !== expectedNum) {
        return bad('missing', `rows ${expectedNum}${num - 1 > expectedNum ? `-${num - 1}` : ''} before SecurityLogNum ${num} are missing`);
      }
      if (String(row.PrevHash) !== prevHash) {
        return bad('chain', `SecurityLogNum ${num}: PrevHash does not match the LogHash of the row before it (order or presence changed)`);
      }
      if (securityLogHash(row) !== String(row.LogHash)) {
        return bad('content', `SecurityLogNum ${num}: content does not match its LogHash (row edited)`);
      }
      prevHash = String(row.LogHash);
      expectedNum = num + 1;
      checked++;
    }
    if (rows.length < batch) return { ok: true, checked };
  }
}
