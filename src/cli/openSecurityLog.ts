import { dirname } from 'node:path';
import { loadAuditKey } from '../audit/loadAuditKey.js';
import { createSecurityLog, type SecurityLog } from '../audit/SecurityLog.js';
import type { Config } from '../config/Config.js';

/** The installation's security log for a command: AUDIT_KEY, or the key file next to the embedded database (docs/audit.md). */
export function openSecurityLog(config: Config, opts: { create: boolean }): SecurityLog {
  return createSecurityLog(loadAuditKey({ key: config.audit.key, dataDir: dirname(config.db.sqliteFile), create: opts.create }));
}
