import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from './canonicalJson.js';
import { securityLogContent } from './securityLogContent.js';

/** The keyed MACs of the sealed security log (docs/audit.md). The key never leaves this closure. */
export interface SecurityLogMac {
  /** a public fingerprint of the key (16 hex), stored in the head so a wrong AUDIT_KEY is named as such */
  readonly keyId: string;
  /** LogHash of a sealed row: HMAC-SHA256 over PrevHash and the canonical JSON of its content, hex */
  row(row: Record<string, unknown>): string;
  /** the MAC of a head anchor's fields */
  head(fields: { from: number; n: number; hash: string; keyId: string }): string;
  /** constant-time comparison of two hex MACs */
  equal(a: string, b: string): boolean;
}

/** Domain separation: a row MAC can never be replayed as a head MAC or the other way round. */
const ROW = 'chartgate securitylog row v1\n';
const HEAD = 'chartgate securitylog head v1\n';

export function createSecurityLogMac(key: Buffer): SecurityLogMac {
  if (key.length < 32) throw new RangeError('the audit key must be at least 32 bytes');
  const mac = (text: string) => createHmac('sha256', key).update(text).digest('hex');
  return Object.freeze({
    keyId: createHash('sha256').update('chartgate audit key id\n').update(key).digest('hex').slice(0, 16),
    row: (row: Record<string, unknown>) => mac(ROW + String(row.PrevHash ?? '') + canonicalJson(securityLogContent(row))),
    head: (f: { from: number; n: number; hash: string; keyId: string }) => mac(HEAD + canonicalJson(f)),
    equal(a: string, b: string) {
      const x = Buffer.from(a, 'utf8');
      const y = Buffer.from(b, 'utf8');
      return x.length === y.length && timingSafeEqual(x, y);
    },
  });
}
