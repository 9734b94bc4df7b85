import type { SecurityLogAppender } from '../../audit/SecurityLog.js';
import type { Stamp } from '../../audit/Stamp.js';
import type { SqlRunner } from '../../db/SqlRunner.js';
import { notFound } from '../../lib/DomainError.js';
import { bumpIdentityEpoch } from '../settings/writeSetting.js';
import { insertApiKey } from './insertApiKey.js';
import type { IssuedKey } from './types.js';

/** One more key for the client, leaving its other keys as they are; `expiresAt` is UTC 'YYYY-MM-DD HH:MM:SS' or null (never). */
export async function issueKey(runner: SqlRunner, log: SecurityLogAppender, stamp: Stamp, clientId: number, expiresAt: string | null): Promise<IssuedKey> {
  return runner.transaction('keys.issue', async (trx) => {
    const client = await runner.exec(trx, 'keys.issue.client', trx.selectFrom('gw_client').select('id').where('id', '=', clientId));
    if (client.rows.length === 0) throw notFound('Client', clientId);
    const key = await insertApiKey(trx, runner, clientId, stamp.at, expiresAt);
    await runner.exec(trx, 'keys.issue.touch', trx.updateTable('gw_client').set({ updated_at: stamp.at }).where('id', '=', clientId));
    await bumpIdentityEpoch(trx, runner, stamp.at);
    await log.append(trx, runner, {
      stamp,
      permType: 'ApiKeyCreate',
      fKey: clientId,
      logText: `Issued key ${key.prefix} to client ${clientId}${expiresAt ? `, expiring ${expiresAt} UTC` : ''}`,
    });
    return key;
  });
}
