import { randomBytes } from 'node:crypto';

/**
 * API key format: `cg_<8 hex>_<43 base64url>`. The first part (`cg_3f9a1c2b`) is the visible
 * prefix stored in gw_api_key.prefix and shown in logs and the admin API; the rest is the
 * secret, shown once at creation and stored only as a sha256 hash.
 */
const KEY_PATTERN = /^(cg_[0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;
const PREFIX_PATTERN = /^cg_[0-9a-f]{8}$/;

export interface ApiKeyParts {
  readonly prefix: string;
  readonly secret: string;
}

/** A new random key: 32 random bytes of secret, 4 of prefix. */
export const generateApiKey = (): ApiKeyParts & { readonly key: string } => {
  const prefix = `cg_${randomBytes(4).toString('hex')}`;
  const secret = randomBytes(32).toString('base64url');
  return { prefix, secret, key: `${prefix}_${secret}` };
};

/** Splits a presented key into prefix and secret; null when it is not shaped like a key. */
export const parseApiKey = (presented: string): ApiKeyParts | null => {
  const m = KEY_PATTERN.exec(presented);
  return m ? { prefix: m[1], secret: m[2] } : null;
};

export const isKeyPrefix = (s: string): boolean => PREFIX_PATTERN.test(s);
