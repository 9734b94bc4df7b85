import { toSqlDateTime } from '../../lib/dates.js';
import { SETTING_API_DISABLED_REASON, SETTING_API_ENABLED } from '../../auth/identitySettings.js';
import { badInput, notFound } from '../../lib/DomainError.js';
import type { ClientsDeps } from './ClientsDeps.js';
import { bumpIdentityEpoch, writeSetting } from './bumpIdentityEpoch.js';
import { createAdminLogAppender } from './appendAdminLog.js';

const logOf = (deps: ClientsDeps) => deps.appendLog ?? createAdminLogAppender(deps.runner, deps.principal, deps.requestId, deps.clock);

/**
 * The client kill switch. The row is the state (every instance's poller honours it within a
 * second); this instance also ends the client's running statements at once with KILL QUERY.
 */
export async function setClientStatus(deps: ClientsDeps, clientId: number, suspend: boolean, reason: string | null): Promise<void> {
  if (suspend && (!reason || reason.trim().length === 0)) throw badInput('a suspension needs a reason (shown to the client)', 'input.reason');
  if (reason && reason.length > 500) throw badInput('reason is at most 500 characters', 'input.reason');
  const now = toSqlDateTime(deps.clock());
  const { runner } = deps;
  await runner.transaction(suspend ? 'clients.suspend' : 'clients.resume', async (trx) => {
    const before = await runner.exec(trx, 'clients.status.read', trx.selectFrom('gw_client').select(['status', 'suspended_reason']).where('id', '=', clientId));
    if (before.rows.length === 0) throw notFound('Client', clientId);
    await runner.exec(
      trx,
      'clients.status.write',
      trx
        .updateTable('gw_client')
        .set({ status: suspend ? 'suspended' : 'active', suspended_reason: suspend ? reason!.trim() : null, updated_at: now })
        .where('id', '=', clientId),
    );
    await bumpIdentityEpoch(trx, runner, now);
    await logOf(deps)(trx, {
      permType: suspend ? 'ClientSuspend' : 'ClientResume',
      fKey: clientId,
      logText: suspend ? `Suspended integration client ${clientId}: ${reason!.trim()}` : `Resumed integration client ${clientId}`,
      changes: { status: [before.rows[0].status, suspend ? 'suspended' : 'active'] },
    });
  });
  if (suspend) await deps.db.killByMarker(`c=${clientId} `);
}

/** The whole-API switch (gw_setting api_enabled / api_disabled_reason). */
export async function setApiEnabled(deps: ClientsDeps, enabled: boolean, reason: string | null): Promise<void> {
  if (!enabled && (!reason || reason.trim().length === 0)) throw badInput('switching the API off needs a reason', 'input.reason');
  const now = toSqlDateTime(deps.clock());
  const { runner } = deps;
  await runner.transaction('api.switch', async (trx) => {
    await writeSetting(trx, runner, SETTING_API_ENABLED, enabled ? '1' : '0', now);
    await writeSetting(trx, runner, SETTING_API_DISABLED_REASON, enabled ? '' : reason!.trim(), now);
    await bumpIdentityEpoch(trx, runner, now);
    await logOf(deps)(trx, {
      permType: enabled ? 'ApiEnable' : 'ApiDisable',
      fKey: 0,
      logText: enabled ? 'Switched the API on' : `Switched the API off: ${reason!.trim()}`,
    });
  });
}

export async function readApiStatus(deps: ClientsDeps): Promise<{ enabled: boolean; reason: string | null }> {
  const rows = await deps.runner.readInteractive(
    'api.status',
    deps.db.interactive.selectFrom('gw_setting').select(['name', 'value']).where('name', 'in', [SETTING_API_ENABLED, SETTING_API_DISABLED_REASON]),
  );
  const m = new Map(rows.map((r) => [r.name, r.value]));
  const v = m.get(SETTING_API_ENABLED);
  return { enabled: v === undefined || v === '1' || v === 'true', reason: m.get(SETTING_API_DISABLED_REASON) || null };
}
