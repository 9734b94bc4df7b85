import type { Kysely } from 'kysely';
import type { SqlRunner } from '../../db/SqlRunner.js';
import type { Database } from '../../db/tables.js';
import { sqlDateTimeToIso } from '../../lib/dates.js';
import type { StoredOperation } from './types.js';

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
