import { sql, type Kysely } from 'kysely';
import type { SqlRunner } from '../../db/SqlRunner.js';
import type { Database } from '../../db/tables.js';

/** One client's recent traffic; `lastAt` is UTC 'YYYY-MM-DD HH:MM:SS'. */
export interface ClientTraffic {
  readonly clientId: number;
  readonly requests: number;
  readonly errors: number;
  readonly lastAt: string | null;
}

/** Each client's requests and errors since `since`, and its latest request time: one grouped statement. */
export async function selectTraffic(db: Kysely<Database>, runner: SqlRunner, since: string): Promise<ClientTraffic[]> {
  const rows = await runner.readInteractive(
    'requestLog.traffic',
    db
      .selectFrom('gw_request_log')
      .select([
        'client_id',
        sql<number>`COUNT(*)`.as('requests'),
        sql<number>`SUM(CASE WHEN status >= 400 THEN 1 ELSE 0 END)`.as('errors'),
        sql<string | null>`MAX(created_at)`.as('last_at'),
      ])
      .where('created_at', '>=', since)
      .groupBy('client_id'),
  );
  return rows.map((r) => ({
    clientId: Number(r.client_id),
    requests: Number(r.requests),
    errors: Number(r.errors ?? 0),
    lastAt: r.last_at ? String(r.last_at) : null,
  }));
}
