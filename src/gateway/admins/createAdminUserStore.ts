import type { Kysely, Transaction, Updateable } from 'kysely';
import type { SecurityLogAppender } from '../../audit/SecurityLog.js';
import type { Stamp } from '../../audit/Stamp.js';
import { editStamp } from '../../audit/stampColumns.js';
import type { Db } from '../../db/Db.js';
import type { SqlRunner } from '../../db/SqlRunner.js';
import type { GwAdminUserTable } from '../../db/gatewayTables.js';
import type { Database } from '../../db/tables.js';
import { notFound } from '../../lib/DomainError.js';
import { insertAdminUser, type NewAdminUser } from './insertAdminUser.js';
import { toAdminUser } from './toAdminUser.js';
import type { AdminUserRecord, AdminUserView } from './types.js';

const view = ({ passwordHash: _p, totpSecret: _s, totpPendingSecret: _q, totpLastCounter: _c, ...rest }: AdminUserRecord): AdminUserView => rest;

/**
 * gw_admin_user: the console's people. Every change is one transaction with its securitylog row;
 * disabling a user also ends their sessions and hides their userod row. Checks no permission:
 * the admin users service and the console's login do, before calling it.
 */
export function createAdminUserStore(db: Db, runner: SqlRunner, log: SecurityLogAppender) {
  const k = db.admin;
  const base = () => k.selectFrom('gw_admin_user').selectAll();
  const read = async (purpose: string, where: (q: ReturnType<typeof base>) => ReturnType<typeof base>) =>
    (await runner.readInteractive(purpose, where(base()))).map(toAdminUser);

  /** Reads the row in the transaction (NOT_FOUND when absent), changes it, and appends the security-log row. */
  const change = async (
    purpose: string,
    stamp: Stamp,
    id: number,
    apply: (
      trx: Transaction<Database>,
      before: AdminUserRecord,
    ) => Promise<{ permType: string; logText: string; changes?: Record<string, readonly [unknown, unknown]> }>,
  ) =>
    runner.transaction(purpose, async (trx) => {
      const rows = await runner.exec(trx, `${purpose}.read`, trx.selectFrom('gw_admin_user').selectAll().where('id', '=', id));
      const row = rows.rows[0];
      if (!row) throw notFound('Console user', id);
      const before = toAdminUser(row);
      const entry = await apply(trx, before);
      await log.append(trx, runner, { stamp, fKey: id, ...entry });
    });

  const update = (trx: Kysely<Database>, purpose: string, id: number, values: Updateable<GwAdminUserTable>) =>
    runner.exec(trx, purpose, trx.updateTable('gw_admin_user').set(values).where('id', '=', id));

  return {
    async list(): Promise<AdminUserView[]> {
      return (await read('admins.list', (q) => q.orderBy('id'))).map(view);
    },
    async findByName(userName: string): Promise<AdminUserRecord | undefined> {
      return (await read('admins.byName', (q) => q.where('user_name', '=', userName)))[0];
    },
    async findById(id: number): Promise<AdminUserRecord | undefined> {
      return (await read('admins.byId', (q) => q.where('id', '=', id)))[0];
    },
    async countActive(role: string): Promise<number> {
      return (await read('admins.countActive', (q) => q.where('role', '=', role).where('status', '=', 'active'))).length;
    },
    create: (stamp: Stamp, input: NewAdminUser) => insertAdminUser(runner, log, stamp, input),
    /** 'active' | 'disabled'; disabling ends the user's sessions and hides their userod row */
    setStatus: (stamp: Stamp, id: number, status: 'active' | 'disabled') =>
      change(status === 'disabled' ? 'admins.disable' : 'admins.enable', stamp, id, async (trx, before) => {
        await update(trx, 'admins.status', id, { status, updated_at: stamp.at });
        if (status === 'disabled') await runner.exec(trx, 'admins.status.sessions', trx.deleteFrom('gw_admin_session').where('admin_user_id', '=', id));
        const user = await runner.exec(trx, 'admins.status.userod', trx.selectFrom('userod').select('RowVersion').where('UserNum', '=', before.userNum));
        const version = user.rows[0]?.RowVersion ?? 1;
        await runner.exec(
          trx,
          'admins.status.hide',
          trx
            .updateTable('userod')
            .set({ IsHidden: status === 'disabled' ? 1 : 0, ...editStamp(stamp, version) })
            .where('UserNum', '=', before.userNum),
        );
        return {
          permType: status === 'disabled' ? 'AdminUserDisable' : 'AdminUserEnable',
          logText: `${status === 'disabled' ? 'Disabled' : 'Enabled'} console user ${before.userName}`,
          changes: { status: [before.status, status] },
        };
      }),
    /** a new password; every other session of the user ends */
    setPassword: (stamp: Stamp, id: number, passwordHash: string, keepSessionId?: number) =>
      change('admins.password', stamp, id, async (trx, before) => {
        await update(trx, 'admins.password.write', id, { password_hash: passwordHash, updated_at: stamp.at });
        await runner.exec(
          trx,
          'admins.password.sessions',
          trx
            .deleteFrom('gw_admin_session')
            .where('admin_user_id', '=', id)
            .$if(keepSessionId !== undefined, (q) => q.where('id', '<>', keepSessionId!)),
        );
        return { permType: 'AdminPasswordChange', logText: `Changed the password of console user ${before.userName}` };
      }),
    /** starts (secret) or abandons (null) a TOTP enrolment; the active secret is untouched until confirmed */
    setPendingTotp: (stamp: Stamp, id: number, secret: string | null) =>
      change('admins.totp.pending', stamp, id, async (trx, before) => {
        await update(trx, 'admins.totp.pending.write', id, { totp_pending_secret: secret, updated_at: stamp.at });
        return { permType: 'AdminTotpEnrol', logText: `Started TOTP enrolment for console user ${before.userName}` };
      }),
    /** the pending secret becomes the user's TOTP secret; `counter` is the step of the code that confirmed it */
    confirmTotp: (stamp: Stamp, id: number, counter: number) =>
      change('admins.totp.confirm', stamp, id, async (trx, before) => {
        await update(trx, 'admins.totp.confirm.write', id, {
          totp_secret: before.totpPendingSecret,
          totp_pending_secret: null,
          totp_last_counter: counter,
          updated_at: stamp.at,
        });
        return { permType: 'AdminTotpEnable', logText: `Enabled TOTP for console user ${before.userName}`, changes: { totp: [before.totpEnabled, true] } };
      }),
    resetTotp: (stamp: Stamp, id: number) =>
      change('admins.totp.reset', stamp, id, async (trx, before) => {
        await update(trx, 'admins.totp.reset.write', id, { totp_secret: null, totp_pending_secret: null, totp_last_counter: 0, updated_at: stamp.at });
        return { permType: 'AdminTotpReset', logText: `Reset TOTP of console user ${before.userName}`, changes: { totp: [before.totpEnabled, false] } };
      }),
    /** a successful sign-in: last_login_at, the accepted TOTP step, and a securitylog row */
    noteLogin: (stamp: Stamp, id: number, totpCounter?: number) =>
      change('admins.login', stamp, id, async (trx, before) => {
        await update(trx, 'admins.login.write', id, { last_login_at: stamp.at, ...(totpCounter === undefined ? {} : { totp_last_counter: totpCounter }) });
        return { permType: 'AdminLogin', logText: `Console user ${before.userName} signed in` };
      }),
    /** a refused sign-in of a known user (unknown names leave no row: the log must not grow for guesses) */
    noteFailedLogin: (stamp: Stamp, id: number, why: string) =>
      change('admins.loginFailed', stamp, id, async (_trx, before) => ({
        permType: 'AdminLoginFailed',
        logText: `Refused sign-in of console user ${before.userName}: ${why}`,
      })),
    noteLogout: (stamp: Stamp, id: number) =>
      change('admins.logout', stamp, id, async (_trx, before) => ({ permType: 'AdminLogout', logText: `Console user ${before.userName} signed out` })),
  };
}

export type AdminUserStore = ReturnType<typeof createAdminUserStore>;
