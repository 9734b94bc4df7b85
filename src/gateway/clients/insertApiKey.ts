import type { Transaction } from 'kysely';
import type { Database } from '../../db/tables.js';
import type { SqlRunner } from '../../db/SqlRunner.js';
import { generateApiKey, type ApiKeyParts } from '../../lib/apiKeyFormat.js';
import { sqlDateTimeToIso } from '../../lib/dates.js';
import { hashSecret } from '../../lib/hashSecret.js';
import type { IssuedKey } from './types.js';

/** Stores a new key (only the secret's hash) and returns it with its plaintext, shown once. Times are UTC 'YYYY-MM-DD HH:MM:SS'. */
export async function insertApiKey(
  trx: Transaction<Database>,
  runner: SqlRunner,
  clientId: number,
  now: string,
  expiresAt: string | null,
  /** a fixed key (the demo's persisted keys); default a fresh random one */
  given?: ApiKeyParts,
): Promise<IssuedKey> {
  const parts = given ?? generateApiKey();
  const res = await runner.exec(
    trx,
    'keys.insert',
    trx.insertInto('gw_api_key').values({
      client_id: clientId,
      prefix: parts.prefix,
      secret_hash: hashSecret(parts.secret),
      created_at: now,
      expires_at: expiresAt,
      revoked_at: null,
      last_used_at: null,
    }),
  );
  return { id: Number(res.insertId), prefix: parts.prefix, key: `${parts.prefix}_${parts.secret}`, expiresAt: expiresAt ? sqlDateTimeToIso(expiresAt) : null };
}
