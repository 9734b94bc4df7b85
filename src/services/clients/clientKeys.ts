import { toSqlDateTime } from '../../lib/dates.js';
import { notFound } from '../../lib/DomainError.js';
import type { ClientsDeps } from './ClientsDeps.js';
import { bumpIdentityEpoch } from './bumpIdentityEpoch.js';
import { insertApiKey } from './insertApiKey.js';
import { createAdminLogAppender } from './appendAdminLog.js';
import type { IssuedKey } from './types.js';

const logOf = (deps: ClientsDeps) => deps.appendLog ?? createAdminLogAppender(deps.runner, deps.principal, deps.requestId, deps.clock);

/**
 * Rotation: a new key, and every live key of the client now expires after the grace period
 * (KEY_ROTATION_GRACE_S) unless it already expires sooner, so deployments can switch over.
 */
export async function rotateKey(deps: ClientsDeps, clientId: number, graceS?: number): Promise<IssuedKey & { oldKeysExpireAt: string }> {
  const nowDate = deps.clock();
  const now = toSqlDateTime(nowDate);
  const grace = graceS ?? deps.keyRotationGraceS ?? 86_400;
  const expires = toSqlDateTime(new Date(nowDate.getTime() + grace * 1000));
  const { runner } = deps;
  return runner.transaction('keys.rotate', async (trx) => {
    const client = await runner.exec(trx, 'keys.rotate.client', trx.selectFrom('gw_client').select('id').where('id', '=', clientId));
    if (client.rows.length === 0) throw notFound('Client', clientId);
    await runner.exec(
      trx,
      'keys.rotate.expireOld',
      trx
        .updateTable('gw_api_key')
        .set({ expires_at: expires })
        .where('client_id', '=', clientId)
        .where('revoked_at', 'is', null)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', expires)])),
    );
    const key = await insertApiKey(trx, runner, clientId, now, null);
    await runner.exec(trx, 'keys.rotate.touch', trx.updateTable('gw_client').set({ updated_at: now }).where('id', '=', clientId));
    await bumpIdentityEpoch(trx, runner, now);
    await logOf(deps)(trx, { permType: 'ApiKeyRotate', fKey: clientId, logText: `Rotated keys of client ${clientId}: new key ${key.prefix}; older keys expire ${expires} UTC` });
    return { ...key, oldKeysExpireAt: expires };
  });
}

/** Revocation is immediate on this instance and within a poll interval on every other. */
export async function revokeKey(deps: ClientsDeps, keyId: number): Promise<{ id: number; clientId: number; prefix: string; revokedAt: string }> {
  const now = toSqlDateTime(deps.clock());
  const { runner } = deps;
  return runner.transaction('keys.revoke', async (trx) => {
    const found = await runner.exec(trx, 'keys.revoke.read', trx.selectFrom('gw_api_key').select(['id', 'client_id', 'prefix', 'revoked_at']).where('id', '=', keyId));
    const key = found.rows[0];
    if (!key) throw notFound('API key', keyId);
    const revokedAt = key.revoked_at ?? now;
    if (!key.revoked_at) {
      await runner.exec(trx, 'keys.revoke.write', trx.updateTable('gw_api_key').set({ revoked_at: now }).where('id', '=', keyId));
      await runner.exec(trx, 'keys.revoke.touch', trx.updateTable('gw_client').set({ updated_at: now }).where('id', '=', key.client_id));
      await bumpIdentityEpoch(trx, runner, now);
      await logOf(deps)(trx, { permType: 'ApiKeyRevoke', fKey: Number(key.client_id), logText: `Revoked key ${key.prefix} (id ${keyId}) of client ${key.client_id}` });
    }
    return { id: Number(key.id), clientId: Number(key.client_id), prefix: key.prefix, revokedAt };
  });
}
