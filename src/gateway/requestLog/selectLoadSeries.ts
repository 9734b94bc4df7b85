import { sql, type Kysely } from 'kysely';
import type { SqlRunner } from '../../db/SqlRunner.js';
import type { Database } from '../../db/tables.js';

/** One client's requests in one minute (`minute` is UTC 'YYYY-MM-DD HH:MM'). */
export interface LoadPoint {
  readonly minute: string;
  readonly clientId: number;
  readonly requests: number;
  /** HTTP status 400 and above */
  readonly errors: number;
  readonly throttled: number;
  /** actual cost points */
  readonly cost: number;
  /** statement time, both pools */
  readonly dbMs: number;
}

// 'YYYY-MM-DD HH:MM' of a DATETIME: SUBSTR reads the same text form on SQLite and MySQL/MariaDB
const minuteOf = sql<string>`substr(created_at, 1, 16)`;

/** Per minute and client since `since` (UTC 'YYYY-MM-DD HH:MM:SS'), oldest first: one grouped statement. */
export async function selectLoadSeries(db: Kysely<Database>, runner: SqlRunner, since: string): Promise<LoadPoint[]> {
  const rows = await runner.readInteractive(
    'requestLog.series',
    db
      .selectFrom('gw_request_log')
      .select([
        minuteOf.as('minute'),
        'client_id',
        sql<number>`COUNT(*)`.as('requests'),
        sql<number>`SUM(CASE WHEN status >= 400 THEN 1 ELSE 0 END)`.as('errors'),
        sql<number>`SUM(CASE WHEN error_code = 'THROTTLED' THEN 1 ELSE 0 END)`.as('throttled'),
        sql<number>`SUM(cost)`.as('cost'),
        sql<number>`SUM(db_ms)`.as('db_ms'),
      ])
      .where('created_at', '>=', since)
      .groupBy([minuteOf, 'client_id'])
      .orderBy(minuteOf)
      .orderBy('client_id'),
  );
  return rows.map((r) => ({
    minute: String(r.minute),
    clientId: Number(r.client_id),
    requests: Number(r.requests),
    errors: Number(r.errors ?? 0),
    throttled: Number(r.throttled ?? 0),
    cost: Number(r.cost ?? 0),
    dbMs: Number(r.db_ms ?? 0),
  }));
}
