/** RFC 6238 time-based one-time passwords (30 s steps, 6 digits, SHA-1: what authenticator apps expect). */
const PERIOD = 30;

/** A new random base32 secret (20 bytes). */
export async function createTotpSecret(): Promise<string> {
  const { Secret } = await import('otpauth');
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app scans (or the user types the secret). */
export async function totpUri(secret: string, account: string, issuer = 'chartgate'): Promise<string> {
  const { Secret, TOTP } = await import('otpauth');
  return new TOTP({ issuer, label: account, secret: Secret.fromBase32(secret), period: PERIOD }).toString();
}

/**
 * The time step of a valid code (one step of clock drift either way), or null. A step at or below
 * `lastCounter` is refused, so a code seen once (over a shoulder, in a log) cannot be replayed.
 */
export async function acceptTotp(secret: string, code: string, nowMs: number, lastCounter: number): Promise<number | null> {
  if (!/^\d{6}$/.test(code.trim())) return null;
  const { Secret, TOTP } = await import('otpauth');
  const totp = new TOTP({ secret: Secret.fromBase32(secret), period: PERIOD });
  const delta = totp.validate({ token: code.trim(), timestamp: nowMs, window: 1 });
  if (delta === null) return null;
  const counter = totp.counter({ timestamp: nowMs }) + delta;
  return counter > lastCounter ? counter : null;
}

/** The current code of a secret (tests and the CLI's enrolment check). */
export async function currentTotp(secret: string, nowMs: number): Promise<string> {
  const { Secret, TOTP } = await import('otpauth');
  return new TOTP({ secret: Secret.fromBase32(secret), period: PERIOD }).generate({ timestamp: nowMs });
}
