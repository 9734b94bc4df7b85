import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables.js';
import type { SqlRunner } from '../../db/SqlRunner.js';

export type ActingUserLookup = (clientId: number, userName: string) => Promise<{ userNum: number; userName: string } | null>;

/**
 * X-Acting-User: the named userod user, only when it is active (IsHidden = 0) and listed for the
 * client in gw_client_user. One small indexed read, only on requests that send the header.
 */
export function createActingUserLookup(db: Kysely<Database>, runner: SqlRunner): ActingUserLookup {
  return async (clientId, userName) => {
    const rows = await runner.readInteractive(
      'auth.actingUser',
      db
        .selectFrom('userod as u')
        .innerJoin('gw_client_user as cu', 'cu.user_num', 'u.UserNum')
        .select(['u.UserNum', 'u.UserName'])
        .where('cu.client_id', '=', clientId)
        .where('u.UserName', '=', userName)
        .where('u.IsHidden', '=', 0)
        .limit(1),
    );
    return rows[0] ? { userNum: Number(rows[0].UserNum), userName: rows[0].UserName } : null;
  };
}
