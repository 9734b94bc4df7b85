import type { Selectable } from 'kysely';
import type { GwAdminUserTable } from '../../db/gatewayTables.js';
import { sqlDateTimeToIso } from '../../lib/dates.js';
import type { AdminUserRecord } from './types.js';

/** A gw_admin_user row as the record login checks (views drop the secrets). */
export const toAdminUser = (r: Selectable<GwAdminUserTable>): AdminUserRecord => ({
  id: Number(r.id),
  userName: r.user_name,
  role: r.role,
  status: r.status,
  totpEnabled: r.totp_secret !== null && r.totp_secret !== '',
  userNum: Number(r.user_num),
  createdAt: sqlDateTimeToIso(r.created_at),
  lastLoginAt: r.last_login_at ? sqlDateTimeToIso(r.last_login_at) : null,
  passwordHash: r.password_hash,
  totpSecret: r.totp_secret,
  totpPendingSecret: r.totp_pending_secret,
  totpLastCounter: Number(r.totp_last_counter),
});
