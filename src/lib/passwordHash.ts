/**
 * Console passwords: argon2id (the package's default algorithm) with OWASP's minimum parameters.
 * The native module loads on first use, so CLI commands that never touch a password never load it.
 */
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** A PHC string ('$argon2id$v=19$m=19456,t=2,p=1$...'). */
export async function hashPassword(password: string): Promise<string> {
  const { hash } = await import('@node-rs/argon2');
  return hash(password, OPTIONS);
}

/** A hash made with OPTIONS of a password never issued: unknown users cost one full verification too. */
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$wMpefdtPOwWa48XFBfDb2A$msDNtvqUapZXA0hCjrwqLXMpDB79ojgskDnUoyrGLG0';

/**
 * Checks a password against its hash. With no hash (an unknown or disabled user) it verifies
 * against a dummy hash, so the work, and the time, are the same whether or not the user exists.
 */
export async function verifyPassword(password: string, storedHash: string | null): Promise<boolean> {
  const { verify } = await import('@node-rs/argon2');
  const target = storedHash ?? DUMMY_HASH;
  try {
    const ok = await verify(target, password);
    return ok && storedHash !== null;
  } catch {
    // a malformed stored hash never matches
    return false;
  }
}
