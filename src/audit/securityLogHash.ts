import { createHash } from 'node:crypto';
import { canonicalJson } from './canonicalJson.js';
import { securityLogContent } from './securityLogContent.js';

/**
 * The unkeyed hash of rows written before the log was sealed with AUDIT_KEY (docs/audit.md):
 * LogHash = sha256(PrevHash + canonical JSON of the row's content), hex. Anyone can recompute it,
 * so it proves nothing on its own; the sealing checkpoint's keyed MAC covers the last of these rows.
 */
export function securityLogHash(row: Record<string, unknown>): string {
  return createHash('sha256')
    .update(String(row.PrevHash ?? '') + canonicalJson(securityLogContent(row)))
    .digest('hex');
}
