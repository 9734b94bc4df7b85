import type { SecurityLogAppender } from '../../audit/SecurityLog.js';
import type { Stamp } from '../../audit/Stamp.js';
import type { SqlRunner } from '../../db/SqlRunner.js';
import { fromSqlDateTime, sqlDateTimeToIso, toSqlDateTime } from '../../lib/dates.js';
import { notFound } from '../../lib/DomainError.js';
import { bumpIdentityEpoch } from '../settings/writeSetting.js';
import { insertApiKey } from './insertApiKey.js';
import type { IssuedKey } from './types.js';

/**
 * Rotation: a new key, and every live key of the client now expires after `graceS` unless it
 * already expires sooner, so deployments can switch over. `oldKeysExpireAt` is ISO 8601 UTC.
 */
export async function rotateKey(
  runner: SqlRunner,
  log: SecurityLogAppender,
  stamp: Stamp,
  clientId: number,
  graceS: number,
): Promise<IssuedKey & { oldKeysExpireAt: string }> {
  const now = stamp.at;
  const expires = toSqlDateTime(new Date(fromSqlDateTime(now) + graceS * 1000));
  return runner.transaction('keys.rotate', async (trx) => {
    const client = await runner.exec(trx, 'keys.rotate.client', trx.selectFrom('gw_client').select(['id', 'status']).where('id', '=', clientId));
    // a deleted client never gets a key again
    if (client.rows.length === 0 || client.rows[0]!.status === 'deleted') throw notFound('Client', clientId);
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
    await log.append(trx, runner, {
      stamp,
      permType: 'ApiKeyRotate',
      fKey: clientId,
      logText: `Rotated keys of client ${clientId}: new key ${key.prefix}; older keys expire ${expires} UTC`,
    });
    return { ...key, oldKeysExpireAt: sqlDateTimeToIso(expires) };
  });
}

/** Revocation is immediate on this instance and within a poll interval on every other. `revokedAt` is ISO 8601 UTC. */
export async function revokeKey(
  runner: SqlRunner,
  log: SecurityLogAppender,
  stamp: Stamp,
  keyId: number,
): Promise<{ id: number; clientId: number; prefix: string; revokedAt: string }> {
  const now = stamp.at;
  return runner.transaction('keys.revoke', async (trx) => {
    const found = await runner.exec(
      trx,
      'keys.revoke.read',
      trx.selectFrom('gw_api_key').select(['id', 'client_id', 'prefix', 'revoked_at']).where('id', '=', keyId),
    );
    const key = found.rows[0];
    if (!key) throw notFound('API key', keyId);
    const revokedAt = key.revoked_at ?? now;
    if (!key.revoked_at) {
      await runner.exec(trx, 'keys.revoke.write', trx.updateTable('gw_api_key').set({ revoked_at: now }).where('id', '=', keyId));
      await runner.exec(trx, 'keys.revoke.touch', trx.updateTable('gw_client').set({ updated_at: now }).where('id', '=', key.client_id));
      await bumpIdentityEpoch(trx, runner, now);
      await log.append(trx, runner, {
        stamp,
        permType: 'ApiKeyRevoke',
        fKey: Number(key.client_id),
        logText: `Revoked key ${key.prefix} (id ${keyId}) of client ${key.client_id}`,
      });
    }
    return { id: Number(key.id), clientId: Number(key.client_id), prefix: key.prefix, revokedAt: sqlDateTimeToIso(revokedAt) };
  });
}
