import { sql, type Kysely } from 'kysely';
import type { SqlRunner } from '../../db/SqlRunner.js';
import type { Database } from '../../db/tables.js';
import { sqlDateTimeToIso } from '../../lib/dates.js';
import type { OperationUsage, SeenOperation, StoredOperation } from './types.js';

const iso = (v: string | null): string | null => (v ? sqlDateTimeToIso(v) : null);

/** Certified operations, of one client or of every live client; retired ones only when asked. */
export async function selectOperations(
  db: Kysely<Database>,
  runner: SqlRunner,
  opts: { clientId?: number; includeRetired?: boolean },
): Promise<StoredOperation[]> {
  const rows = await runner.readInteractive(
    'operations.list',
    db
      .selectFrom('gw_operation as o')
      .innerJoin('gw_client as c', 'c.id', 'o.client_id')
      .select(['o.client_id', 'o.hash', 'o.name', 'o.document', 'o.cost', 'o.app_name', 'o.app_version', 'o.created_at', 'o.retired_at'])
      .where('c.status', '<>', 'deleted')
      .$if(opts.clientId !== undefined, (q) => q.where('o.client_id', '=', opts.clientId!))
      .$if(!opts.includeRetired, (q) => q.where('o.retired_at', 'is', null))
      .orderBy('o.client_id')
      .orderBy('o.id'),
  );
  return rows.map((r) => ({
    clientId: Number(r.client_id),
    hash: r.hash,
    name: r.name,
    document: r.document,
    cost: Number(r.cost),
    appName: r.app_name,
    appVersion: r.app_version,
    createdAt: sqlDateTimeToIso(r.created_at),
    retiredAt: iso(r.retired_at),
  }));
}

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
  return new Map(rows.map((r) => [r.operation_hash ?? '', { requests: Number(r.requests), lastUsedAt: iso(r.last_used) }]));
}

/** A registered, unretired document by its hash (any live client's): the persisted-query lookup. */
export async function selectDocument(db: Kysely<Database>, runner: SqlRunner, hash: string): Promise<string | undefined> {
  const rows = await runner.readInteractive(
    'operations.document',
    db
      .selectFrom('gw_operation as o')
      .innerJoin('gw_client as c', 'c.id', 'o.client_id')
      .select('o.document')
      .where('o.hash', '=', hash)
      .where('o.retired_at', 'is', null)
      .where('c.status', '<>', 'deleted')
      .limit(1),
  );
  return rows[0]?.document;
}

/**
 * Operations seen in log mode, of one client or every live one. With `since` (UTC
 * 'YYYY-MM-DD HH:MM:SS'), only those first seen since then or in the integration log since then.
 */
export async function selectSeen(db: Kysely<Database>, runner: SqlRunner, opts: { clientId?: number; since?: string }): Promise<SeenOperation[]> {
  const rows = await runner.readInteractive(
    'operations.seen',
    db
      .selectFrom('gw_operation_seen as s')
      .innerJoin('gw_client as c', 'c.id', 's.client_id')
      .select(['s.client_id', 's.hash', 's.name', 's.document', 's.first_seen_at'])
      .where('c.status', '<>', 'deleted')
      .$if(opts.clientId !== undefined, (q) => q.where('s.client_id', '=', opts.clientId!))
      .$if(opts.since !== undefined, (q) =>
        q.where((eb) =>
          eb.or([
            eb('s.first_seen_at', '>=', opts.since!),
            eb.exists(
              eb
                .selectFrom('gw_request_log as l')
                .select('l.id')
                .whereRef('l.client_id', '=', 's.client_id')
                .whereRef('l.operation_hash', '=', 's.hash')
                .where('l.created_at', '>=', opts.since!),
            ),
          ]),
        ),
      )
      .orderBy('s.client_id')
      .orderBy('s.id'),
  );
  return rows.map((r) => ({ clientId: Number(r.client_id), hash: r.hash, name: r.name, document: r.document, firstSeenAt: sqlDateTimeToIso(r.first_seen_at) }));
}
