import { describe, expect, it } from 'vitest';
import { createTokenService } from '../../../src/auth/createTokenService.js';

describe('OAuth access tokens (HS256 JWT)', () => {
  const secret = 'x'.repeat(40);
  it('issues and verifies tokens carrying client, key, scopes and jti', async () => {
    const t = createTokenService({ secret, ttlS: 900, clock: () => new Date() });
    const { token, claims } = await t.issue({ clientId: 7, keyId: 3, scopes: ['patients:read'] });
    const back = await t.verify(token);
    expect(back).toMatchObject({ clientId: 7, keyId: 3, scopes: ['patients:read'], jti: claims.jti });
  });

  it('refuses expired, foreign-secret and tampered tokens', async () => {
    let now = Date.now();
    const t = createTokenService({ secret, ttlS: 60, clock: () => new Date(now) });
    const { token } = await t.issue({ clientId: 1, keyId: 1, scopes: [] });
    const other = createTokenService({ secret: 'y'.repeat(40), ttlS: 60, clock: () => new Date(now) });
    expect(await other.verify(token)).toBeNull();
    expect(await t.verify(token.slice(0, -2) + 'AA')).toBeNull();
    now += 120_000;
    expect(await t.verify(token)).toBeNull();
    expect(await t.verify(token, { allowExpired: true })).not.toBeNull();
  });
});
