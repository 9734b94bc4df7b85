import type { Kysely } from 'kysely';
import type { SqlRunner } from '../../db/SqlRunner.js';
import type { Database } from '../../db/tables.js';
import { sqlDateTimeToIso } from '../../lib/dates.js';
import type { SeenOperation } from './types.js';

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
