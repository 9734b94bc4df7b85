import type { SecurityLogMac } from './createSecurityLogMac.js';

/**
 * The gw_setting row that anchors the security log's head (migration 0003 creates it with the
 * value 'lock'). Every appender locks it, then replaces its value with the new head, signed.
 */
export const SECURITY_LOG_HEAD = 'securitylog_head';
/** the value of a head that was never sealed (a log written before AUDIT_KEY, or a new database) */
const UNSEALED = 'lock';

/** The anchored head: rows from `from` on are MACed; `n` is the last row and `hash` its LogHash. */
export interface SecurityLogHead {
  readonly from: number;
  readonly n: number;
  readonly hash: string;
}

export type HeadState =
  | { readonly kind: 'sealed'; readonly head: SecurityLogHead }
  | { readonly kind: 'unsealed' }
  | { readonly kind: 'missing' }
  | { readonly kind: 'invalid'; readonly reason: string };

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** The head row's value -> its state; a sealed head whose MAC or key id does not match is invalid. */
export function readHead(value: string | null | undefined, mac: SecurityLogMac): HeadState {
  if (value === null || value === undefined) return { kind: 'missing' };
  if (value === UNSEALED) return { kind: 'unsealed' };
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(value) as Record<string, unknown>;
  } catch {
    return { kind: 'invalid', reason: 'the head anchor is not a signed head' };
  }
  const { from, n, hash, keyId, mac: signature } = parsed ?? {};
  if (!isCount(from) || from < 1 || !isCount(n) || typeof hash !== 'string' || typeof keyId !== 'string' || typeof signature !== 'string') {
    return { kind: 'invalid', reason: 'the head anchor is not a signed head' };
  }
  if (keyId !== mac.keyId) return { kind: 'invalid', reason: `the log is sealed with another key (key id ${keyId}; AUDIT_KEY has key id ${mac.keyId})` };
  if (!mac.equal(signature, mac.head({ from, n, hash, keyId }))) return { kind: 'invalid', reason: 'the head anchor does not verify with AUDIT_KEY (edited)' };
  return { kind: 'sealed', head: { from, n, hash } };
}

/** A head as the row's value, signed. */
export function formatHead(head: SecurityLogHead, mac: SecurityLogMac): string {
  const fields = { from: head.from, n: head.n, hash: head.hash, keyId: mac.keyId };
  return JSON.stringify({ ...fields, mac: mac.head(fields) });
}
