import { randomBytes } from 'node:crypto';
import { hashSecret } from '../lib/hashSecret.js';

/** A new session token for the cookie (32 random bytes) and the sha256 the database keeps instead. */
export function issueSessionToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashSecret(token) };
}

/** A new CSRF token (the console echoes it in X-CSRF-Token). */
export const issueCsrfToken = (): string => randomBytes(24).toString('base64url');
