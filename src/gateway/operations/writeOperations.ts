import { appendSecurityLog } from '../../audit/appendSecurityLog.js';
import type { Stamp } from '../../audit/Stamp.js';
import type { SqlRunner } from '../../db/SqlRunner.js';
import { badInput, notFound } from '../../lib/DomainError.js';
import { bumpIdentityEpoch } from '../settings/writeSetting.js';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/tables.js';
import type { OperationLabel, OperationSelector, OperationToRegister, RegisterOutcome } from './types.js';

async function requireLiveClient(trx: Transaction<Database>, runner: SqlRunner, clientId: number): Promise<void> {
  const rows = await runner.exec(trx, 'operations.client', trx.selectFrom('gw_client').select('status').where('id', '=', clientId));
  if (rows.rows.length === 0 || rows.rows[0]!.status === 'deleted') throw notFound('Client', clientId);
}

/**
 * One transaction: each operation is inserted, or (already there) takes the new cost and label
 * and is restored when it was retired; one securitylog row names them; the identity epoch moves,
 * so every instance's certification cache starts afresh within a poll.
 */
export async function registerRows(
  runner: SqlRunner,
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
    await appendSecurityLog(trx, runner, {
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
    await appendSecurityLog(trx, runner, {
      stamp,
      permType: how === 'unregister' ? 'OperationUnregister' : 'OperationRetire',
      fKey: clientId,
      logText: `${how === 'unregister' ? 'Unregistered' : 'Retired'} ${hashes.length} operation(s)${what} of client ${clientId}: ${hashes.map((h) => h.slice(0, 12)).join(', ')}`,
      changes: { operations: [hashes, how === 'unregister' ? null : 'retired'] },
    });
    return hashes;
  });
}
