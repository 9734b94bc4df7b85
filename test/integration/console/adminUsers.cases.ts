import { expect } from 'vitest';
import type { DomainError } from '../../../src/lib/DomainError.js';
import { hashSecret } from '../../../src/lib/hashSecret.js';
import { currentTotp } from '../../../src/lib/totp.js';
import type { HarnessIt } from '../../harness/harness.js';
import { adminsOf, createAdmin, PASSWORD, sessionPrincipal } from './consoleFixture.js';

const refusal = async (p: Promise<unknown>) => {
  const e = (await p.then(
    () => null,
    (err: unknown) => err,
  )) as DomainError | null;
  expect(e, 'expected a refusal').not.toBeNull();
  return { code: e!.code, field: e!.field, message: e!.message };
};

/** Console users: creation with a userod row and argon2id, the rules, roles, disabling, TOTP and passwords. */
export function adminUsersCases(it: HarnessIt) {
  it('creates a console user with its own practice user, an argon2id hash and a security-log row', async ({ db }) => {
    const u = await createAdmin(db, 'jsmith', 'technical-lead');
    expect(u).toMatchObject({ userName: 'jsmith', role: 'technical-lead', status: 'active', totpEnabled: false, lastLoginAt: null });
    const user = await db.admin.selectFrom('userod').selectAll().where('UserNum', '=', u.userNum).executeTakeFirstOrThrow();
    expect(user).toMatchObject({ UserName: 'jsmith', IsServiceUser: 0, IsHidden: 0 });
    const row = await db.admin.selectFrom('gw_admin_user').selectAll().where('id', '=', u.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(PASSWORD);
    const log = await db.admin.selectFrom('securitylog').selectAll().where('PermType', '=', 'AdminUserCreate').execute();
    expect(log).toHaveLength(1);
    expect(log[0].LogText).toContain('jsmith');
  });

  it('refuses bad input naming the field, like the API does everywhere', async ({ db }) => {
    await createAdmin(db, 'jsmith', 'auditor');
    await db.admin
      .insertInto('userod')
      .values({
        UserName: 'frontdesk',
        ProvNum: 0,
        ClinicNum: 0,
        IsHidden: 0,
        IsServiceUser: 0,
        SecUserNumEntry: 0,
        SecProgramNumEntry: 0,
        SecUserNumEdit: 0,
        SecProgramNumEdit: 0,
        SecDateTEntry: '2026-01-01 00:00:00',
        DateTStamp: '2026-01-01 00:00:00',
      })
      .execute();
    const admins = adminsOf(db);
    expect(await refusal(admins.create({ userName: 'jsmith', role: 'auditor', password: PASSWORD }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.userName',
    });
    expect(await refusal(admins.create({ userName: 'frontdesk', role: 'auditor', password: PASSWORD }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.userName',
    });
    expect(await refusal(admins.create({ userName: 'has space', role: 'auditor', password: PASSWORD }))).toMatchObject({ field: 'input.userName' });
    expect(await refusal(admins.create({ userName: 'ann', role: 'owner', password: PASSWORD }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.role' });
    expect(await refusal(admins.create({ userName: 'ann', role: 'auditor', password: 'short' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.password',
    });
    expect(await refusal(admins.create({ userName: 'annannannann', role: 'auditor', password: 'AnnAnnAnnAnn' }))).toMatchObject({ field: 'input.password' });
  });

  it('only admin:users manages console users: a Technical Lead and an Auditor are refused before any statement', async ({ db }) => {
    const lead = await createAdmin(db, 'lead', 'technical-lead');
    const auditor = await createAdmin(db, 'audrey', 'auditor');
    for (const who of [lead, auditor]) {
      const admins = adminsOf(db, sessionPrincipal(who));
      expect(await refusal(admins.list())).toMatchObject({ code: 'FORBIDDEN' });
      expect(await refusal(admins.create({ userName: 'x1', role: 'auditor', password: PASSWORD }))).toMatchObject({ code: 'FORBIDDEN' });
      expect(await refusal(admins.setStatus(lead.id, 'disabled'))).toMatchObject({ code: 'FORBIDDEN' });
      expect((await admins.me())?.user.userName).toBe(who.userName);
    }
    expect(await adminsOf(db).me()).toBeNull();
  });

  it('disabling ends the user’s sessions and hides their practice user; never yourself or the last System Administrator', async ({ db }) => {
    const first = await createAdmin(db, 'first', 'system-administrator');
    expect(await refusal(adminsOf(db).setStatus(first.id, 'disabled'))).toMatchObject({ code: 'CONFLICT' });
    const second = await createAdmin(db, 'second', 'system-administrator');
    expect(await refusal(adminsOf(db, sessionPrincipal(second)).setStatus(second.id, 'disabled'))).toMatchObject({ code: 'CONFLICT' });
    await db.admin
      .insertInto('gw_admin_session')
      .values({
        admin_user_id: first.id,
        token_hash: hashSecret('t'),
        csrf_token: 'c',
        totp_pending: 0,
        client_ip: '',
        created_at: '2026-01-01 00:00:00',
        expires_at: '2099-01-01 00:00:00',
        last_seen_at: '2026-01-01 00:00:00',
      })
      .execute();
    const disabled = await adminsOf(db, sessionPrincipal(second)).setStatus(first.id, 'disabled');
    expect(disabled.status).toBe('disabled');
    expect(await db.admin.selectFrom('gw_admin_session').selectAll().where('admin_user_id', '=', first.id).execute()).toEqual([]);
    const user = await db.admin.selectFrom('userod').select(['IsHidden', 'SecUserNumEdit']).where('UserNum', '=', first.userNum).executeTakeFirstOrThrow();
    expect(user).toEqual({ IsHidden: 1, SecUserNumEdit: second.userNum });
    expect((await adminsOf(db).setStatus(first.id, 'active')).status).toBe('active');
    const perms = (await db.admin.selectFrom('securitylog').select('PermType').orderBy('SecurityLogNum').execute()).map((r) => r.PermType);
    expect(perms).toEqual(['AdminUserCreate', 'AdminUserCreate', 'AdminUserDisable', 'AdminUserEnable']);
  });

  it('TOTP: a secret is enforced only once a code from it is confirmed; a System Administrator can reset it', async ({ db }) => {
    const u = await createAdmin(db, 'totpuser', 'auditor');
    const now = Date.UTC(2026, 10, 1, 12, 0, 0);
    const mine = adminsOf(db, sessionPrincipal(u), () => new Date(now));
    expect(await refusal(mine.confirmTotp('123456'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code' });
    const { secret, uri } = await mine.beginTotp();
    expect(uri).toContain(`secret=${secret}`);
    expect((await mine.me())?.user.totpEnabled).toBe(false);
    const code = await currentTotp(secret, now);
    expect(await refusal(mine.confirmTotp(code === '000000' ? '111111' : '000000'))).toMatchObject({ field: 'input.code' });
    expect((await mine.confirmTotp(code)).totpEnabled).toBe(true);
    expect((await adminsOf(db).resetTotp(u.id)).totpEnabled).toBe(false);
    // without a console session there is no "own account"
    expect(await refusal(adminsOf(db).beginTotp())).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('changing your own password checks the current one and ends your other sessions', async ({ db }) => {
    const u = await createAdmin(db, 'pwuser', 'auditor');
    const session = (token: string) => ({
      admin_user_id: u.id,
      token_hash: hashSecret(token),
      csrf_token: 'c',
      totp_pending: 0,
      client_ip: '',
      created_at: '2026-01-01 00:00:00',
      expires_at: '2099-01-01 00:00:00',
      last_seen_at: '2026-01-01 00:00:00',
    });
    const mineId = Number((await db.admin.insertInto('gw_admin_session').values(session('mine')).executeTakeFirstOrThrow()).insertId);
    await db.admin.insertInto('gw_admin_session').values(session('other')).execute();
    const mine = adminsOf(db, sessionPrincipal(u, mineId));
    expect(await refusal(mine.changeOwnPassword('wrong password!', 'a brand new password'))).toMatchObject({ field: 'input.currentPassword' });
    expect(await refusal(mine.changeOwnPassword(PASSWORD, 'short'))).toMatchObject({ field: 'input.newPassword' });
    await mine.changeOwnPassword(PASSWORD, 'a brand new password');
    const left = await db.admin.selectFrom('gw_admin_session').select('id').where('admin_user_id', '=', u.id).execute();
    expect(left.map((r) => Number(r.id))).toEqual([mineId]);
  });
}
