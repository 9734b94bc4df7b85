import type { SecurityLogAppender } from '../../audit/SecurityLog.js';
import type { Stamp } from '../../audit/Stamp.js';
import type { SqlRunner } from '../../db/SqlRunner.js';
import { sqlDateTimeToIso } from '../../lib/dates.js';
import { notFound } from '../../lib/DomainError.js';
import { bumpIdentityEpoch } from '../settings/writeSetting.js';

/**
 * One transaction: every live key of the client is revoked and the client is marked deleted
 * (status 'deleted', deleted_at); its rows, operations and log stay for the audit. Deleting a
 * deleted client changes nothing. `deletedAt` is ISO 8601 UTC.
 */
export async function deleteClient(
  runner: SqlRunner,
  log: SecurityLogAppender,
  stamp: Stamp,
  clientId: number,
): Promise<{ revokedKeyIds: number[]; deletedAt: string }> {
  const now = stamp.at;
  return runner.transaction('clients.delete', async (trx) => {
    const row = (await runner.exec(trx, 'clients.delete.read', trx.selectFrom('gw_client').select(['status', 'name', 'deleted_at']).where('id', '=', clientId)))
      .rows[0];
    if (!row) throw notFound('Client', clientId);
    if (row.status === 'deleted') return { revokedKeyIds: [], deletedAt: sqlDateTimeToIso(row.deleted_at ?? now) };
    const live = await runner.exec(
      trx,
      'clients.delete.keys',
      trx.selectFrom('gw_api_key').select('id').where('client_id', '=', clientId).where('revoked_at', 'is', null).orderBy('id'),
    );
    const revokedKeyIds = live.rows.map((k) => Number(k.id));
    await runner.exec(
      trx,
      'clients.delete.revoke',
      trx.updateTable('gw_api_key').set({ revoked_at: now }).where('client_id', '=', clientId).where('revoked_at', 'is', null),
    );
    await runner.exec(
      trx,
      'clients.delete.mark',
      trx.updateTable('gw_client').set({ status: 'deleted', suspended_reason: null, deleted_at: now, updated_at: now }).where('id', '=', clientId),
    );
    await bumpIdentityEpoch(trx, runner, now);
    await log.append(trx, runner, {
      stamp,
      permType: 'ClientDelete',
      fKey: clientId,
      logText: `Deleted integration client ${clientId} "${row.name}"; revoked keys ${revokedKeyIds.join(', ') || 'none'}`,
      changes: { status: [row.status, 'deleted'], revokedKeyIds: [revokedKeyIds, []] },
    });
    return { revokedKeyIds, deletedAt: sqlDateTimeToIso(now) };
  });
}
