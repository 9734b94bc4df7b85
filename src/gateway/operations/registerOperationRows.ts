import type { SecurityLogAppender } from '../../audit/SecurityLog.js';
import type { Stamp } from '../../audit/Stamp.js';
import type { SqlRunner } from '../../db/SqlRunner.js';
import { bumpIdentityEpoch } from '../settings/writeSetting.js';
import { requireLiveClient } from './requireLiveClient.js';
import type { OperationLabel, OperationToRegister, RegisterOutcome } from './types.js';

/**
 * One transaction: each operation is inserted, or (already there) takes the new cost and label
 * and is restored when it was retired; one securitylog row names them; the identity epoch moves,
 * so every instance's certification cache starts afresh within a poll.
 */
export async function registerRows(
  runner: SqlRunner,
  log: SecurityLogAppender,
  stamp: Stamp,
  clientId: number,
  ops: readonly OperationToRegister[],
  label: OperationLabel,
): Promise<RegisterOutcome[]> {
  return runner.transaction('operations.register', async (trx) => {
    await requireLiveClient(trx, runner, clientId);
    const existing = await runner.exec(
      trx,
      'operations.register.read',
      trx
        .selectFrom('gw_operation')
        .select(['hash', 'cost', 'app_name', 'app_version', 'retired_at'])
        .where('client_id', '=', clientId)
        .where(
          'hash',
          'in',
          ops.map((o) => o.hash),
        ),
    );
    const byHash = new Map(existing.rows.map((r) => [r.hash, r]));
    const outcomes: RegisterOutcome[] = [];
    for (const op of ops) {
      const row = byHash.get(op.hash);
      if (!row) {
        await runner.exec(
          trx,
          'operations.register.insert',
          trx.insertInto('gw_operation').values({
            client_id: clientId,
            hash: op.hash,
            name: op.name,
            document: op.document,
            cost: op.cost,
            created_at: stamp.at,
            app_name: label.appName,
            app_version: label.appVersion,
          }),
        );
        outcomes.push('registered');
        continue;
      }
      // an operation registered without a label keeps the one it has
      const relabel = label.appName !== '' && (row.app_name !== label.appName || row.app_version !== label.appVersion);
      const repriced = Number(row.cost) !== op.cost;
      const outcome: RegisterOutcome = row.retired_at ? 'restored' : relabel || repriced ? 'relabeled' : 'unchanged';
      outcomes.push(outcome);
      if (outcome === 'unchanged') continue;
      await runner.exec(
        trx,
        'operations.register.update',
        trx
          .updateTable('gw_operation')
          .set({ cost: op.cost, retired_at: null, ...(relabel ? { app_name: label.appName, app_version: label.appVersion } : {}) })
          .where('client_id', '=', clientId)
          .where('hash', '=', op.hash),
      );
    }
    const changed = ops.filter((_, i) => outcomes[i] !== 'unchanged');
    if (changed.length === 0) return outcomes;
    await bumpIdentityEpoch(trx, runner, stamp.at);
    await log.append(trx, runner, {
      stamp,
      permType: 'OperationRegister',
      fKey: clientId,
      logText: `Certified ${changed.length} operation(s) for client ${clientId}${label.appName ? ` as ${label.appName}@${label.appVersion}` : ''}: ${changed
        .map((o) => `${o.name || '(anonymous)'} ${o.hash.slice(0, 12)}`)
        .join(', ')}`,
      changes: { operations: [null, changed.map((o) => o.hash)] },
    });
    return outcomes;
  });
}
