import { sql, type Kysely } from 'kysely';
import type { SqlRunner } from '../../db/SqlRunner.js';
import type { Database } from '../../db/tables.js';
import { sqlDateTimeToIso } from '../../lib/dates.js';
import type { OperationUsage } from './types.js';

/** Requests and last use per operation hash of one client, from the integration log (one grouped statement). */
export async function selectUsage(db: Kysely<Database>, runner: SqlRunner, clientId: number, hashes: readonly string[]): Promise<Map<string, OperationUsage>> {
  if (hashes.length === 0) return new Map();
  const rows = await runner.readInteractive(
    'operations.usage',
    db
      .selectFrom('gw_request_log')
      .select(['operation_hash', sql<number>`COUNT(*)`.as('requests'), sql<string | null>`MAX(created_at)`.as('last_used')])
      .where('client_id', '=', clientId)
      .where('operation_hash', 'in', [...hashes])
      .groupBy('operation_hash'),
  );
  return new Map(rows.map((r) => [r.operation_hash ?? '', { requests: Number(r.requests), lastUsedAt: r.last_used ? sqlDateTimeToIso(r.last_used) : null }]));
}
