import type { AdminUserView } from '../../gateway/admins/types.js';
import { scopesOfRole } from '../../lib/consoleRoles.js';
import { badInput, DomainError, notFound } from '../../lib/DomainError.js';
import { ErrorCode } from '../../lib/ErrorCode.js';
import { hashPassword, verifyPassword } from '../../lib/passwordHash.js';
import { acceptTotp, createTotpSecret, totpUri } from '../../lib/totp.js';
import type { AdminDeps } from '../clients/ClientsDeps.js';
import { requireScope } from '../requireScope.js';
import type { ServiceDeps } from '../ServiceDeps.js';
import { validateAdminUserInput, validatePassword } from './validateAdminUserInput.js';

export type { AdminUserView };

const notSignedIn = () => new DomainError(ErrorCode.FORBIDDEN, 'This needs a console session (it acts on your own account)');

/**
 * The console's users: managing them needs `admin:users` (System Administrators and the CLI);
 * every console role may change its own password and TOTP (`account:write`). Passwords are
 * argon2id hashes; a TOTP secret is confirmed by a first code before it is enforced.
 */
export function createAdminUsersService(deps: ServiceDeps & AdminDeps) {
  const store = deps.gateway.admins(deps.runner, deps.securityLog);
  const manage = () => requireScope(deps.principal, 'admin:users');
  const self = () => {
    const admin = deps.principal.admin;
    if (!admin) throw notSignedIn();
    return admin;
  };
  const get = async (id: number): Promise<AdminUserView> => {
    const user = await store.findById(id);
    if (!user) throw notFound('Console user', id);
    const { passwordHash: _p, totpSecret: _s, totpPendingSecret: _q, totpLastCounter: _c, ...view } = user;
    return view;
  };

  return {
    /** The signed-in person (null for API keys, tokens and the CLI): no scope needed. */
    async me(): Promise<{ user: AdminUserView; scopes: string[] } | null> {
      const admin = deps.principal.admin;
      if (!admin) return null;
      return { user: await get(admin.id), scopes: [...scopesOfRole(admin.role)].sort() };
    },
    async list(): Promise<AdminUserView[]> {
      manage();
      return store.list();
    },
    async byName(userName: string): Promise<AdminUserView> {
      manage();
      const user = await store.findByName(userName);
      if (!user) throw notFound('Console user', userName);
      return get(user.id);
    },
    async create(input: { userName: string; role: string; password: string }): Promise<AdminUserView> {
      const stamp = deps.authorizeWrite('admin:users');
      validateAdminUserInput(input);
      if (await store.findByName(input.userName)) throw badInput(`a console user named ${input.userName} already exists`, 'input.userName');
      const id = await store.create(stamp, { userName: input.userName, role: input.role, passwordHash: await hashPassword(input.password) });
      return get(id);
    },
    /** Disabling ends the user's sessions; the last active System Administrator, and yourself, cannot be disabled. */
    async setStatus(id: number, status: 'active' | 'disabled'): Promise<AdminUserView> {
      const stamp = deps.authorizeWrite('admin:users');
      const user = await get(id);
      if (status === 'disabled') {
        if (deps.principal.admin?.id === id) throw new DomainError(ErrorCode.CONFLICT, 'You cannot disable your own account');
        if (user.role === 'system-administrator' && user.status === 'active' && (await store.countActive('system-administrator')) <= 1) {
          throw new DomainError(ErrorCode.CONFLICT, 'This is the last active System Administrator; create or enable another one first');
        }
      }
      if (user.status !== status) await store.setStatus(stamp, id, status);
      return get(id);
    },
    async resetTotp(id: number): Promise<AdminUserView> {
      const stamp = deps.authorizeWrite('admin:users');
      await get(id);
      await store.resetTotp(stamp, id);
      return get(id);
    },
    /** Your own password; your other sessions end. */
    async changeOwnPassword(currentPassword: string, newPassword: string): Promise<AdminUserView> {
      const stamp = deps.authorizeWrite('account:write');
      const admin = self();
      const user = await store.findById(admin.id);
      if (!user) throw notFound('Console user', admin.id);
      if (!(await verifyPassword(currentPassword, user.passwordHash))) throw badInput('the current password is wrong', 'input.currentPassword');
      validatePassword(newPassword, user.userName, 'input.newPassword');
      await store.setPassword(stamp, admin.id, await hashPassword(newPassword), admin.sessionId);
      return get(admin.id);
    },
    /** A new TOTP secret for your account, enforced once confirmTotp accepts a code from it. */
    async beginTotp(): Promise<{ secret: string; uri: string }> {
      const stamp = deps.authorizeWrite('account:write');
      const admin = self();
      const secret = await createTotpSecret();
      await store.setPendingTotp(stamp, admin.id, secret);
      return { secret, uri: await totpUri(secret, admin.userName) };
    },
    async confirmTotp(code: string): Promise<AdminUserView> {
      const stamp = deps.authorizeWrite('account:write');
      const admin = self();
      const user = await store.findById(admin.id);
      if (!user?.totpPendingSecret) throw badInput('start the enrolment first (no TOTP secret is waiting for a code)', 'input.code');
      const counter = await acceptTotp(user.totpPendingSecret, code, deps.clock().getTime(), 0);
      if (counter === null) throw badInput('that code does not match; check the device clock and try the next code', 'input.code');
      await store.confirmTotp(stamp, admin.id, counter);
      return get(admin.id);
    },
  };
}

export type AdminUsersService = ReturnType<typeof createAdminUsersService>;
