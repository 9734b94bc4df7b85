import type { SecurityLogAppender } from '../../audit/SecurityLog.js';
import type { Stamp } from '../../audit/Stamp.js';
import { entryStamp } from '../../audit/stampColumns.js';
import type { SqlRunner } from '../../db/SqlRunner.js';
import { badInput } from '../../lib/DomainError.js';

export interface NewAdminUser {
  userName: string;
  role: string;
  passwordHash: string;
}

/**
 * One transaction: the person's userod row (so every stamp and security-log row names them),
 * their gw_admin_user row and a securitylog row. A user name the practice already uses is refused.
 */
export async function insertAdminUser(runner: SqlRunner, log: SecurityLogAppender, stamp: Stamp, input: NewAdminUser): Promise<number> {
  return runner.transaction('admins.create', async (trx) => {
    const taken = await runner.exec(trx, 'admins.create.taken', trx.selectFrom('userod').select('UserNum').where('UserName', '=', input.userName));
    if (taken.rows.length > 0) throw badInput(`a practice user named ${input.userName} already exists; choose another name`, 'input.userName');
    const user = await runner.exec(
      trx,
      'admins.create.userod',
      trx.insertInto('userod').values({ UserName: input.userName, ProvNum: 0, ClinicNum: 0, IsHidden: 0, IsServiceUser: 0, ...entryStamp(stamp) }),
    );
    const userNum = Number(user.insertId);
    const created = await runner.exec(
      trx,
      'admins.create.row',
      trx.insertInto('gw_admin_user').values({
        user_num: userNum,
        user_name: input.userName,
        role: input.role,
        password_hash: input.passwordHash,
        totp_secret: null,
        totp_pending_secret: null,
        status: 'active',
        created_at: stamp.at,
        updated_at: stamp.at,
        last_login_at: null,
      }),
    );
    const id = Number(created.insertId);
    await log.append(trx, runner, {
      stamp,
      permType: 'AdminUserCreate',
      fKey: id,
      logText: `Created console user ${input.userName} (${input.role}), userod ${userNum}`,
      changes: { role: [null, input.role] },
    });
    return id;
  });
}
