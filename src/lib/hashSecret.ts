import { createHash, timingSafeEqual } from 'node:crypto';

/** sha256 hex of a key secret: what gw_api_key.secret_hash stores. */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

/**
 * Constant-time check of a presented secret against a stored hash. Both sides are fixed-length
 * sha256 digests, so the comparison never short-circuits on length or content.
 */
export const secretMatches = (secret: string, storedHashHex: string): boolean => {
  const presented = createHash('sha256').update(secret, 'utf8').digest();
  const stored = Buffer.from(storedHashHex, 'hex');
  if (stored.length !== presented.length) return timingSafeEqual(presented, presented) && false;
  return timingSafeEqual(presented, stored);
};

/** Compared against when a prefix is unknown, so unknown and known prefixes cost the same work. */
export const DUMMY_SECRET_HASH = hashSecret('chartgate-dummy-secret-never-issued');
