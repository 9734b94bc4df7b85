import { expect, vi } from 'vitest';
import { CSRF_COOKIE } from '../../../src/auth/createSessionAuthenticator.js';
import { LOGIN_REFUSED } from '../../../src/console/createConsoleLogin.js';
import type { DomainError } from '../../../src/lib/DomainError.js';
import { currentTotp } from '../../../src/lib/totp.js';
import type { HarnessIt } from '../../harness/harness.js';
import { adminsOf, consoleAuth, createAdmin, PASSWORD, sessionPrincipal, testClock } from './consoleFixture.js';

const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: DomainError) => ({ code: e.code, message: e.message, field: e.field, details: e.details }),
  );

/** Console sign-in and sessions on a real database: uniform refusals, limits, TOTP, CSRF, expiry. */
export function consoleLoginCases(it: HarnessIt) {
  it('a wrong password and an unknown user get the same answer after the same work and the same wait', async ({ db }) => {
    await createAdmin(db, 'jsmith', 'technical-lead');
    const clock = testClock();
    const auth = consoleAuth(db, { clock: clock.now, failureDelayMs: 800 });
    const wrong = await failure(auth.login.login({ userName: 'jsmith', password: 'not the password' }, '10.0.0.1', 'r1'));
    const unknown = await failure(auth.login.login({ userName: 'nobody', password: 'not the password' }, '10.0.0.1', 'r2'));
    expect(wrong).toEqual(unknown);
    expect(wrong).toMatchObject({ code: 'UNAUTHENTICATED', message: LOGIN_REFUSED });
    // one argon2 verification each: against the real hash, and against the dummy for the unknown name
    expect(auth.verifications).toHaveLength(2);
    expect(auth.verifications[0]).toMatch(/^\$argon2id\$/);
    expect(auth.verifications[1]).toBeNull();
    // the injected clock did not move, so each refusal waited the whole minimum
    expect(auth.waits).toEqual([800, 800]);
    await vi.waitFor(async () => {
      const rows = await db.admin.selectFrom('securitylog').select(['PermType', 'LogText']).where('PermType', '=', 'AdminLoginFailed').execute();
      expect(rows).toHaveLength(1);
      expect(rows[0].LogText).toContain('jsmith');
    });
  });

  it('signs in to a session whose cookie token and CSRF header make a principal of the person, then signs out', async ({ db }) => {
    const u = await createAdmin(db, 'jsmith', 'technical-lead');
    const clock = testClock();
    const auth = consoleAuth(db, { clock: clock.now });
    const result = await auth.login.login({ userName: 'jsmith', password: PASSWORD }, '10.0.0.1', 'r1');
    if (result.kind !== 'signedIn') throw new Error('expected a session');
    const { token, csrfToken, user } = result.session;
    expect(user).toMatchObject({ userName: 'jsmith', role: 'technical-lead', roleTitle: 'Technical Lead' });
    const stored = await db.admin.selectFrom('gw_admin_session').selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).not.toBe(token);
    const principal = await auth.authenticate({ token, csrfToken });
    expect(principal).toMatchObject({ clientId: 0, actingUser: { userNum: u.userNum, userName: 'jsmith' }, admin: { id: u.id, role: 'technical-lead' } });
    expect([...principal.scopes].sort()).toEqual([...sessionPrincipal(u).scopes].sort());
    expect(await failure(auth.authenticate({ token, csrfToken: undefined }))).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'CSRF' } });
    expect(await failure(auth.authenticate({ token, csrfToken: `${csrfToken}x` }))).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'CSRF' } });
    expect(await failure(auth.authenticate({ token: `${token}x`, csrfToken }))).toMatchObject({
      code: 'UNAUTHENTICATED',
      details: { reason: 'SESSION_EXPIRED' },
    });
    expect((await adminsOf(db).list())[0].lastLoginAt).not.toBeNull();
    await auth.login.logout(token, 'r2');
    expect(await failure(auth.authenticate({ token, csrfToken }))).toMatchObject({ code: 'UNAUTHENTICATED' });
    const perms = (await db.admin.selectFrom('securitylog').select('PermType').orderBy('SecurityLogNum').execute()).map((r) => r.PermType);
    expect(perms).toEqual(['AdminUserCreate', 'AdminLogin', 'AdminLogout']);
    expect(CSRF_COOKIE).toBe('cg_console_csrf');
  });

  it('a session ends after its lifetime, after being idle, and when its user is disabled', async ({ db }) => {
    await createAdmin(db, 'keeper', 'system-administrator');
    const u = await createAdmin(db, 'jsmith', 'auditor');
    const clock = testClock();
    const auth = consoleAuth(db, { clock: clock.now, ttlS: 7200, idleS: 600 });
    const open = async () => {
      const r = await auth.login.login({ userName: 'jsmith', password: PASSWORD }, '10.0.0.1', 'r');
      if (r.kind !== 'signedIn') throw new Error('expected a session');
      return r.session;
    };
    let s = await open();
    clock.advance(590_000);
    await auth.authenticate(s); // within the idle time: kept alive (last seen moves on)
    clock.advance(590_000);
    await auth.authenticate(s);
    clock.advance(601_000);
    expect(await failure(auth.authenticate(s))).toMatchObject({ code: 'UNAUTHENTICATED' });
    s = await open();
    // used every 550 s: never idle, but past its 7200 s lifetime after the 14th step
    for (let i = 0; i < 14; i++) {
      clock.advance(550_000);
      if (i < 13) await auth.authenticate(s);
    }
    expect(await failure(auth.authenticate(s))).toMatchObject({ code: 'UNAUTHENTICATED' });
    s = await open();
    await adminsOf(db).setStatus(u.id, 'disabled');
    expect(await failure(auth.authenticate(s))).toMatchObject({ code: 'UNAUTHENTICATED' });
    // a disabled user is refused with the one message, even with the right password
    expect(await failure(auth.login.login({ userName: 'jsmith', password: PASSWORD }, '10.0.0.1', 'r'))).toMatchObject({
      message: 'Wrong user name or password',
    });
  });

  it('after the limit of refusals a user name is throttled, even with the right password', async ({ db }) => {
    await createAdmin(db, 'jsmith', 'auditor');
    const auth = consoleAuth(db, { clock: testClock().now, maxPerUser: 3 });
    for (let i = 0; i < 3; i++) await failure(auth.login.login({ userName: 'jsmith', password: `guess number ${i}` }, '10.0.0.1', 'r'));
    const locked = await failure(auth.login.login({ userName: 'JSMITH', password: PASSWORD }, '10.0.0.2', 'r'));
    expect(locked.code).toBe('THROTTLED');
    expect(locked.details?.retryAfterSeconds).toBeGreaterThan(0);
    // throttled before any password check
    expect(auth.verifications).toHaveLength(3);
  });

  it('with TOTP: the password opens a pending step that is no session; the code completes it once', async ({ db }) => {
    const u = await createAdmin(db, 'jsmith', 'technical-lead');
    const clock = testClock();
    const mine = adminsOf(db, sessionPrincipal(u), clock.now);
    const { secret } = await mine.beginTotp();
    await mine.confirmTotp(await currentTotp(secret, clock.now().getTime()));
    clock.advance(30_000);
    const auth = consoleAuth(db, { clock: clock.now });
    const first = await auth.login.login({ userName: 'jsmith', password: PASSWORD }, '10.0.0.1', 'r');
    if (first.kind !== 'totpRequired') throw new Error('expected the TOTP step');
    const pendingCsrf = (await db.admin.selectFrom('gw_admin_session').select('csrf_token').executeTakeFirstOrThrow()).csrf_token;
    expect(await failure(auth.authenticate({ token: first.token, csrfToken: pendingCsrf }))).toMatchObject({ code: 'UNAUTHENTICATED' });
    const code = await currentTotp(secret, clock.now().getTime());
    expect(await failure(auth.login.totp(first.token, code === '000000' ? '111111' : '000000', '10.0.0.1', 'r'))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await failure(auth.login.totp(first.token, 'abc', '10.0.0.1', 'r'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
    const session = await auth.login.totp(first.token, code, '10.0.0.1', 'r');
    expect(session.token).not.toBe(first.token);
    expect((await auth.authenticate(session)).admin?.id).toBe(u.id);
    // the pending token no longer exists, and the same code cannot open a second session
    expect(await failure(auth.login.totp(first.token, code, '10.0.0.1', 'r'))).toMatchObject({ code: 'UNAUTHENTICATED' });
    const again = await auth.login.login({ userName: 'jsmith', password: PASSWORD }, '10.0.0.1', 'r');
    if (again.kind !== 'totpRequired') throw new Error('expected the TOTP step');
    expect(await failure(auth.login.totp(again.token, code, '10.0.0.1', 'r'))).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
}
