import type { SqlRunner } from '../../db/SqlRunner.js';
import { toSqlDateTime } from '../../lib/dates.js';
import { bumpIdentityEpoch } from '../settings/writeSetting.js';

/** Records an OAuth token's jti as revoked until it would have expired anyway (RFC 7009). */
export async function revokeAccessToken(runner: SqlRunner, clock: () => Date, jti: string, expiresAtMs: number): Promise<void> {
  const now = toSqlDateTime(clock());
  await runner.transaction('oauth.revoke', async (trx) => {
    const existing = await runner.exec(trx, 'oauth.revoke.read', trx.selectFrom('gw_revoked_token').select('jti').where('jti', '=', jti));
    if (existing.rows.length === 0) {
      await runner.exec(trx, 'oauth.revoke.insert', trx.insertInto('gw_revoked_token').values({ jti, expires_at: toSqlDateTime(new Date(expiresAtMs)) }));
    }
    // expired revocations are useless: drop them while we are here
    await runner.exec(trx, 'oauth.revoke.prune', trx.deleteFrom('gw_revoked_token').where('expires_at', '<', now));
    await bumpIdentityEpoch(trx, runner, now);
  });
}
