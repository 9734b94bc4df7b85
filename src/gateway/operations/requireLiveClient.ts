import type { Transaction } from 'kysely';
import type { SqlRunner } from '../../db/SqlRunner.js';
import type { Database } from '../../db/tables.js';
import { notFound } from '../../lib/DomainError.js';

/** NOT_FOUND unless the client exists and is not deleted: operations belong to live clients. */
export async function requireLiveClient(trx: Transaction<Database>, runner: SqlRunner, clientId: number): Promise<void> {
  const rows = await runner.exec(trx, 'operations.client', trx.selectFrom('gw_client').select('status').where('id', '=', clientId));
  if (rows.rows.length === 0 || rows.rows[0]!.status === 'deleted') throw notFound('Client', clientId);
}
