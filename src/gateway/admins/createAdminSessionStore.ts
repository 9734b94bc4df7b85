import { maxLength } from '../../db/columnLengths.js';
import type { Db } from '../../db/Db.js';
import type { SqlRunner } from '../../db/SqlRunner.js';
import type { AdminSessionRecord, NewAdminSession } from './types.js';

/** gw_admin_session: console sessions, found by the sha256 of the cookie's token. */
export interface AdminSessionStore {
  create(session: NewAdminSession): Promise<number>;
  /** the session with its user, or undefined */
  find(tokenHash: string): Promise<AdminSessionRecord | undefined>;
  /** last_seen_at (sliding idle expiry) */
  touch(id: number, now: string): Promise<void>;
  /** after the TOTP step: a new token and CSRF token (no fixation), no longer pending, a new expiry */
  promote(id: number, tokenHash: string, now: string, expiresAt: string, csrfToken: string): Promise<void>;
  delete(tokenHash: string): Promise<void>;
  /** removes sessions that expired before `now` */
  prune(now: string): Promise<void>;
}

export function createAdminSessionStore(db: Db, runner: SqlRunner): AdminSessionStore {
  const k = db.admin;
  return {
    async create(s) {
      const res = await runner.transaction('adminSessions.create', (trx) =>
        runner.exec(
          trx,
          'adminSessions.create',
          trx.insertInto('gw_admin_session').values({
            admin_user_id: s.adminUserId,
            token_hash: s.tokenHash,
            csrf_token: s.csrfToken,
            totp_pending: s.totpPending ? 1 : 0,
            client_ip: s.clientIp.slice(0, maxLength('gw_admin_session', 'client_ip')),
            created_at: s.now,
            expires_at: s.expiresAt,
            last_seen_at: s.now,
          }),
        ),
      );
      return Number(res.insertId);
    },
    async find(tokenHash) {
      const rows = await runner.readInteractive(
        'adminSessions.find',
        k
          .selectFrom('gw_admin_session as s')
          .innerJoin('gw_admin_user as a', 'a.id', 's.admin_user_id')
          .leftJoin('userod as u', 'u.UserNum', 'a.user_num')
          .select([
            's.id',
            's.admin_user_id',
            's.csrf_token',
            's.totp_pending',
            's.created_at',
            's.expires_at',
            's.last_seen_at',
            'a.user_name',
            'a.role',
            'a.status',
            'a.user_num',
            'u.UserName',
          ])
          .where('s.token_hash', '=', tokenHash),
      );
      const r = rows[0];
      if (!r) return undefined;
      return {
        id: Number(r.id),
        adminUserId: Number(r.admin_user_id),
        csrfToken: r.csrf_token,
        totpPending: Number(r.totp_pending) === 1,
        createdAt: r.created_at,
        expiresAt: r.expires_at,
        lastSeenAt: r.last_seen_at,
        // the stamps name the userod row; its UserName is the admin's user name unless renamed by hand
        user: { userName: r.UserName ?? r.user_name, role: r.role, status: r.status, userNum: Number(r.user_num) },
      };
    },
    async touch(id, now) {
      await runner.transaction('adminSessions.touch', (trx) =>
        runner.exec(trx, 'adminSessions.touch', trx.updateTable('gw_admin_session').set({ last_seen_at: now }).where('id', '=', id)),
      );
    },
    async promote(id, tokenHash, now, expiresAt, csrfToken) {
      await runner.transaction('adminSessions.promote', (trx) =>
        runner.exec(
          trx,
          'adminSessions.promote',
          trx
            .updateTable('gw_admin_session')
            .set({ token_hash: tokenHash, csrf_token: csrfToken, totp_pending: 0, last_seen_at: now, expires_at: expiresAt })
            .where('id', '=', id),
        ),
      );
    },
    async delete(tokenHash) {
      await runner.transaction('adminSessions.delete', (trx) =>
        runner.exec(trx, 'adminSessions.delete', trx.deleteFrom('gw_admin_session').where('token_hash', '=', tokenHash)),
      );
    },
    async prune(now) {
      await runner.transaction('adminSessions.prune', (trx) =>
        runner.exec(trx, 'adminSessions.prune', trx.deleteFrom('gw_admin_session').where('expires_at', '<', now)),
      );
    },
  };
}
