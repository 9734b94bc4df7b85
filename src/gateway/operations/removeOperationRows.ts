import type { Transaction } from 'kysely';
import type { SecurityLogAppender } from '../../audit/SecurityLog.js';
import type { Stamp } from '../../audit/Stamp.js';
import type { SqlRunner } from '../../db/SqlRunner.js';
import type { Database } from '../../db/tables.js';
import { badInput, notFound } from '../../lib/DomainError.js';
import { bumpIdentityEpoch } from '../settings/writeSetting.js';
import { requireLiveClient } from './requireLiveClient.js';
import type { OperationSelector } from './types.js';

/** The client's operations a selector names: hashes (a unique prefix of 8+ characters will do) or operation names, or an app version's. */
async function selectHashes(trx: Transaction<Database>, runner: SqlRunner, clientId: number, selector: OperationSelector, live: boolean): Promise<string[]> {
  const rows = await runner.exec(
    trx,
    'operations.select',
    trx.selectFrom('gw_operation').select(['hash', 'name', 'app_name', 'app_version', 'retired_at']).where('client_id', '=', clientId),
  );
  const candidates = rows.rows.filter((r) => !live || r.retired_at === null);
  if (selector.label) {
    const { appName, appVersion } = selector.label;
    return candidates.filter((r) => r.app_name === appName && r.app_version === appVersion).map((r) => r.hash);
  }
  const out = new Set<string>();
  for (const wanted of selector.hashesOrNames ?? []) {
    const matches = candidates.filter((r) => r.name === wanted || r.hash === wanted || (wanted.length >= 8 && r.hash.startsWith(wanted)));
    if (matches.length === 0) throw notFound('Operation', wanted);
    if (matches.length > 1 && !matches.every((m) => m.name === wanted))
      throw badInput(`${wanted} names more than one operation; give its full hash`, 'operation');
    for (const m of matches) out.add(m.hash);
  }
  return [...out];
}

/**
 * Unregister (delete the rows) or retire (keep them, no longer certified) the operations a
 * selector names, with a securitylog row and an identity-epoch bump. Returns the hashes changed.
 */
export async function removeRows(
  runner: SqlRunner,
  log: SecurityLogAppender,
  stamp: Stamp,
  clientId: number,
  selector: OperationSelector,
  how: 'unregister' | 'retire',
): Promise<string[]> {
  return runner.transaction(`operations.${how}`, async (trx) => {
    await requireLiveClient(trx, runner, clientId);
    const hashes = await selectHashes(trx, runner, clientId, selector, how === 'retire');
    if (hashes.length === 0) return hashes;
    if (how === 'unregister') {
      await runner.exec(trx, 'operations.unregister', trx.deleteFrom('gw_operation').where('client_id', '=', clientId).where('hash', 'in', hashes));
    } else {
      await runner.exec(
        trx,
        'operations.retire',
        trx.updateTable('gw_operation').set({ retired_at: stamp.at }).where('client_id', '=', clientId).where('hash', 'in', hashes),
      );
    }
    await bumpIdentityEpoch(trx, runner, stamp.at);
    const what = selector.label ? ` of ${selector.label.appName}@${selector.label.appVersion}` : '';
    await log.append(trx, runner, {
      stamp,
      permType: how === 'unregister' ? 'OperationUnregister' : 'OperationRetire',
      fKey: clientId,
      logText: `${how === 'unregister' ? 'Unregistered' : 'Retired'} ${hashes.length} operation(s)${what} of client ${clientId}: ${hashes.map((h) => h.slice(0, 12)).join(', ')}`,
      changes: { operations: [hashes, how === 'unregister' ? null : 'retired'] },
    });
    return hashes;
  });
}
