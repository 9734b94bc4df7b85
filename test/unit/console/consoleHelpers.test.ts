import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../src/console/app/lib/errorCodes.js';
import { createLoginLimiter } from '../../../src/console/createLoginLimiter.js';
import { parseCookies, serializeCookie } from '../../../src/lib/cookies.js';
import { ErrorCode } from '../../../src/lib/ErrorCode.js';
import { hashPassword, verifyPassword } from '../../../src/lib/passwordHash.js';
import { acceptTotp, createTotpSecret, currentTotp, totpUri } from '../../../src/lib/totp.js';

describe('console building blocks', () => {
  it('passwords are argon2id hashes; a missing hash never verifies (a dummy hash is checked instead)', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('wrong horse battery', hash)).toBe(false);
    expect(await verifyPassword('correct horse battery', null)).toBe(false);
    expect(await verifyPassword('x', 'not a hash')).toBe(false);
  });

  it('TOTP: the current code is accepted once, a replayed or wrong code never', async () => {
    const secret = await createTotpSecret();
    const now = Date.UTC(2026, 10, 1, 12, 0, 0);
    const code = await currentTotp(secret, now);
    const step = await acceptTotp(secret, code, now, 0);
    expect(step).toBe(Math.floor(now / 30_000));
    expect(await acceptTotp(secret, code, now, step!)).toBeNull();
    expect(await acceptTotp(secret, code === '000000' ? '111111' : '000000', now, 0)).toBeNull();
    expect(await acceptTotp(secret, 'abcdef', now, 0)).toBeNull();
    // one step of clock drift is tolerated, two are not
    expect(await acceptTotp(secret, await currentTotp(secret, now - 30_000), now, 0)).not.toBeNull();
    expect(await acceptTotp(secret, await currentTotp(secret, now - 90_000), now, 0)).toBeNull();
    expect(await totpUri(secret, 'jsmith')).toMatch(/^otpauth:\/\/totp\/chartgate:jsmith\?.*secret=/);
  });

  it('cookies: SameSite=Strict always, HttpOnly and Secure as asked; parsing takes the first of a name', () => {
    expect(serializeCookie('s', 'a b', { httpOnly: true, secure: true, maxAgeS: 60 })).toBe('s=a%20b; Path=/; Max-Age=60; SameSite=Strict; HttpOnly; Secure');
    expect(serializeCookie('c', 'x', { httpOnly: false, secure: false, maxAgeS: 0 })).toBe('c=x; Path=/; Max-Age=0; SameSite=Strict');
    const parsed = parseCookies('a=1; b=%41; a=2; junk; =x');
    expect(parsed.get('a')).toBe('1');
    expect(parsed.get('b')).toBe('A');
    expect(parsed.size).toBe(2);
    expect(parseCookies(undefined).size).toBe(0);
  });

  it('the sign-in limiter counts per user name (any case) and per address; a success clears the name', async () => {
    const limiter = createLoginLimiter({ maxPerUser: 3, maxPerIp: 5, windowS: 60 });
    for (let i = 0; i < 3; i++) await limiter.fail('JSmith', '10.0.0.1');
    expect(await limiter.blockedFor('jsmith', '10.0.0.9')).toBeGreaterThan(0);
    expect(await limiter.blockedFor('other', '10.0.0.9')).toBe(0);
    await limiter.succeed('jsmith');
    expect(await limiter.blockedFor('jsmith', '10.0.0.9')).toBe(0);
    await limiter.fail('a', '10.0.0.1');
    await limiter.fail('b', '10.0.0.1');
    // the address has five refusals now, whatever the names
    expect(await limiter.blockedFor('c', '10.0.0.1')).toBeGreaterThan(0);
    expect(await limiter.blockedFor('c', '10.0.0.2')).toBe(0);
  });

  it('the console explains every error code in plain words', () => {
    for (const code of Object.values(ErrorCode)) {
      expect(ERROR_CODES[code], code).toBeDefined();
      expect(ERROR_CODES[code].meaning.length).toBeGreaterThan(20);
      expect(ERROR_CODES[code].action.length).toBeGreaterThan(10);
    }
  });
});
