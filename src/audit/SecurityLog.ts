import type { Kysely } from 'kysely';
import type { Db } from '../db/Db.js';
import { createSqlRunner, type SqlRunner } from '../db/SqlRunner.js';
import type { Database } from '../db/tables.js';
import { toSqlDateTime } from '../lib/dates.js';
import { appendSecurityLog, type SecurityLogEntry } from './appendSecurityLog.js';
import { createSecurityLogMac } from './createSecurityLogMac.js';
import { lockSecurityLogHead } from './lockSecurityLogHead.js';
import { verifySecurityLog, type SecurityLogVerdict, type VerifyOptions } from './verifySecurityLog.js';

export type { SecurityLogEntry } from './appendSecurityLog.js';

/** What the writers need: append one row inside their transaction. */
export interface SecurityLogAppender {
  append(trx: Kysely<Database>, runner: SqlRunner, entry: SecurityLogEntry): Promise<number>;
}

/** The keyed security log of one installation (docs/audit.md): built once from AUDIT_KEY and passed down. */
export interface SecurityLog extends SecurityLogAppender {
  /** the key's public fingerprint */
  readonly keyId: string;
  /** seals a log that was never sealed (start-up); throws when the head does not verify with this key */
  seal(db: Db, clock?: () => Date): Promise<void>;
  verify(db: Db, opts?: VerifyOptions): Promise<SecurityLogVerdict>;
}

export function createSecurityLog(key: Buffer): SecurityLog {
  const mac = createSecurityLogMac(key);
  return Object.freeze({
    keyId: mac.keyId,
    append: (trx: Kysely<Database>, runner: SqlRunner, entry: SecurityLogEntry) => appendSecurityLog(trx, runner, mac, entry),
    async seal(db: Db, clock: () => Date = () => new Date()) {
      const runner = createSqlRunner(db, { clientId: 0, requestId: 'securitylog-seal' });
      await runner.transaction('securitylog.seal', (trx) =>
        lockSecurityLogHead(trx, runner, mac, { userNum: 0, programNum: 0, apiKeyNum: 0, requestId: 'securitylog-seal', at: toSqlDateTime(clock()) }),
      );
    },
    verify: (db: Db, opts?: VerifyOptions) => verifySecurityLog(db, mac, opts),
  });
}
