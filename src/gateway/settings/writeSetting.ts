import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/tables.js';
import type { SqlRunner } from '../../db/SqlRunner.js';
import { SETTING_IDENTITY_EPOCH } from './settingNames.js';

/** Upserts one gw_setting row portably (update, then insert when absent). */
export async function writeSetting(trx: Transaction<Database>, runner: SqlRunner, name: string, value: string, now: string): Promise<void> {
  const res = await runner.exec(trx, 'settings.update', trx.updateTable('gw_setting').set({ value, updated_at: now }).where('name', '=', name));
  if (Number(res.numAffectedRows ?? 0) > 0) return;
  const existing = await runner.exec(trx, 'settings.read', trx.selectFrom('gw_setting').select('name').where('name', '=', name));
  if (existing.rows.length > 0) return; // MySQL reports 0 affected when the value did not change
  await runner.exec(trx, 'settings.insert', trx.insertInto('gw_setting').values({ name, value, updated_at: now }));
}

/** Every instance's identity poller reloads when this value changes (keys, tokens, clients). */
export const bumpIdentityEpoch = (trx: Transaction<Database>, runner: SqlRunner, now: string) =>
  writeSetting(trx, runner, SETTING_IDENTITY_EPOCH, randomUUID(), now);
