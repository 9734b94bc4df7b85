import { describe, expect, it } from 'vitest';
import { generateApiKey, parseApiKey } from '../../../src/lib/apiKeyFormat.js';
import { DUMMY_SECRET_HASH, hashSecret, secretMatches } from '../../../src/lib/hashSecret.js';

describe('API key format and hashing', () => {
  it('generates cg_<8 hex>_<secret> keys that parse back', () => {
    const k = generateApiKey();
    expect(k.prefix).toMatch(/^cg_[0-9a-f]{8}$/);
    expect(parseApiKey(k.key)).toEqual({ prefix: k.prefix, secret: k.secret });
    expect(generateApiKey().key).not.toBe(k.key);
  });

  it('rejects malformed keys', () => {
    for (const bad of ['', 'cg_123', 'Bearer x', 'cg_zzzzzzzz_' + 'a'.repeat(43), 'cg_12345678_' + 'a'.repeat(42), 'cg_12345678_' + 'a'.repeat(44)]) {
      expect(parseApiKey(bad)).toBeNull();
    }
  });

  it('stores sha256 and compares in constant time', () => {
    const k = generateApiKey();
    const stored = hashSecret(k.secret);
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain(k.secret);
    expect(secretMatches(k.secret, stored)).toBe(true);
    expect(secretMatches(k.secret + 'x', stored)).toBe(false);
    expect(secretMatches(k.secret, DUMMY_SECRET_HASH)).toBe(false);
    expect(secretMatches(k.secret, 'abc')).toBe(false);
  });
});
