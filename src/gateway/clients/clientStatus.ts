import type { SecurityLogAppender } from '../../audit/SecurityLog.js';
import type { Stamp } from '../../audit/Stamp.js';
import type { Kysely } from 'kysely';
import type { SqlRunner } from '../../db/SqlRunner.js';
import type { Database } from '../../db/tables.js';
import { notFound } from '../../lib/DomainError.js';
import { SETTING_API_DISABLED_REASON, SETTING_API_ENABLED } from '../settings/settingNames.js';
import { bumpIdentityEpoch, writeSetting } from '../settings/writeSetting.js';

/** The client's status row (the kill switch's state), with a security-log row in the same transaction. */
export async function writeClientStatus(
  runner: SqlRunner,
  log: SecurityLogAppender,
  stamp: Stamp,
  clientId: number,
  suspend: boolean,
  reason: string | null,
): Promise<void> {
  const now = stamp.at;
  await runner.transaction(suspend ? 'clients.suspend' : 'clients.resume', async (trx) => {
    const before = await runner.exec(trx, 'clients.status.read', trx.selectFrom('gw_client').select(['status', 'suspended_reason']).where('id', '=', clientId));
    // a deleted client stays deleted: resuming it would bring it back without its keys' audit
    if (before.rows.length === 0 || before.rows[0]!.status === 'deleted') throw notFound('Client', clientId);
    await runner.exec(
      trx,
      'clients.status.write',
      trx
        .updateTable('gw_client')
        .set({ status: suspend ? 'suspended' : 'active', suspended_reason: suspend ? reason : null, updated_at: now })
        .where('id', '=', clientId),
    );
    await bumpIdentityEpoch(trx, runner, now);
    await log.append(trx, runner, {
      stamp,
      permType: suspend ? 'ClientSuspend' : 'ClientResume',
      fKey: clientId,
      logText: suspend ? `Suspended integration client ${clientId}: ${reason ?? ''}` : `Resumed integration client ${clientId}`,
      changes: { status: [before.rows[0]!.status, suspend ? 'suspended' : 'active'] },
    });
  });
}

/** The whole-API switch (gw_setting api_enabled / api_disabled_reason). */
export async function writeApiEnabled(runner: SqlRunner, log: SecurityLogAppender, stamp: Stamp, enabled: boolean, reason: string | null): Promise<void> {
  const now = stamp.at;
  await runner.transaction('api.switch', async (trx) => {
    await writeSetting(trx, runner, SETTING_API_ENABLED, enabled ? '1' : '0', now);
    await writeSetting(trx, runner, SETTING_API_DISABLED_REASON, enabled ? '' : (reason ?? ''), now);
    await bumpIdentityEpoch(trx, runner, now);
    await log.append(trx, runner, {
      stamp,
      permType: enabled ? 'ApiEnable' : 'ApiDisable',
      fKey: 0,
      logText: enabled ? 'Switched the API on' : `Switched the API off: ${reason ?? ''}`,
    });
  });
}

export async function readApiStatus(db: Kysely<Database>, runner: SqlRunner): Promise<{ enabled: boolean; reason: string | null }> {
  const rows = await runner.readInteractive(
    'api.status',
    db.selectFrom('gw_setting').select(['name', 'value']).where('name', 'in', [SETTING_API_ENABLED, SETTING_API_DISABLED_REASON]),
  );
  const m = new Map(rows.map((r) => [r.name, r.value]));
  const v = m.get(SETTING_API_ENABLED);
  return { enabled: v === undefined || v === '1' || v === 'true', reason: m.get(SETTING_API_DISABLED_REASON) || null };
}
