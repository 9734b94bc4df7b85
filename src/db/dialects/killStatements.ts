import { sql, type Kysely } from 'kysely';
import type { Database } from '../tables.js';

/** One running statement found by its marker: the connection, and on MariaDB the statement itself. */
export interface RunningStatement {
  threadId: number;
  /** MariaDB's QUERY_ID: kills exactly this statement; null on MySQL, which can only kill by connection */
  queryId: number | null;
}

/** The statements of this database whose text contains `marker`, other than the asking connection's own. */
export async function findStatements(control: Kysely<Database>, flavor: 'mariadb' | 'mysql', marker: string): Promise<RunningStatement[]> {
  const pattern = `%${marker.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const queryId = flavor === 'mariadb' ? sql`QUERY_ID` : sql`null`;
  const { rows } = await sql<{ ID: number; Q: number | null }>`/* cg:killByMarker */ select ID, ${queryId} as Q from information_schema.PROCESSLIST
    where INFO like ${pattern} and ID <> connection_id() and COMMAND <> 'Sleep' and DB = database()`.execute(control);
  return rows.map((r) => ({ threadId: Number(r.ID), queryId: r.Q === null ? null : Number(r.Q) }));
}

/**
 * Kills what findStatements found; how many it stopped. On MariaDB by query id, so a statement that
 * finished since the lookup is left alone, and so is the next statement its pooled connection runs
 * (killing by connection would stop that one: another request's, perhaps another client's).
 * MySQL has no kill by statement: there the window between lookup and kill remains.
 */
export async function killStatements(control: Kysely<Database>, found: readonly RunningStatement[]): Promise<number> {
  let killed = 0;
  for (const s of found) {
    try {
      if (s.queryId !== null) await sql`/* cg:killQuery */ kill query id ${sql.raw(String(s.queryId))}`.execute(control);
      else await sql`/* cg:killQuery */ kill query ${sql.raw(String(s.threadId))}`.execute(control);
      killed++;
    } catch {
      // the statement finished between the lookup and the kill (MariaDB: unknown query id)
    }
  }
  return killed;
}
