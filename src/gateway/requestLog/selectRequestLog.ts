import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables.js';
import type { SqlRunner } from '../../db/SqlRunner.js';
import { sqlDateTimeToIso } from '../../lib/dates.js';
import { badInput } from '../../lib/DomainError.js';
import type { RequestLogEntry, RequestLogFilter } from '../clients/types.js';

const encodeLogCursor = (id: number) => Buffer.from(`log:${id}`).toString('base64url');
const decodeLogCursor = (cursor: string): number => {
  const m = /^log:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw badInput('malformed cursor', 'after');
  return Number(m[1]);
};

/** Newest first, keyset-paged on id; at most `first` rows (1..500). */
export async function selectRequestLog(
  db: Kysely<Database>,
  runner: SqlRunner,
  filter: RequestLogFilter,
  first: number,
  after?: string | null,
): Promise<{ entries: RequestLogEntry[]; hasNextPage: boolean; endCursor: string | null }> {
  if (!Number.isInteger(first) || first < 1 || first > 500) throw badInput('first must be between 1 and 500', 'first');
  const afterId = after ? decodeLogCursor(after) : null;
  const rows = await runner.readInteractive(
    'requestLog.list',
    db
      .selectFrom('gw_request_log')
      .selectAll()
      .$if(filter.clientId !== undefined, (q) => q.where('client_id', '=', filter.clientId!))
      .$if(filter.errorCode !== undefined, (q) => q.where('error_code', '=', filter.errorCode!))
      .$if(filter.operationName !== undefined, (q) => q.where('operation_name', '=', filter.operationName!))
      .$if(filter.status !== undefined, (q) => q.where('status', '=', filter.status!))
      .$if(filter.since !== undefined, (q) => q.where('created_at', '>=', filter.since!))
      .$if(filter.until !== undefined, (q) => q.where('created_at', '<=', filter.until!))
      .$if(afterId !== null, (q) => q.where('id', '<', afterId!))
      .orderBy('id', 'desc')
      .limit(first + 1),
  );
  const entries = rows.slice(0, first).map((r) => ({
    id: Number(r.id),
    cursor: encodeLogCursor(Number(r.id)),
    clientId: Number(r.client_id),
    keyId: Number(r.key_id),
    requestId: r.request_id,
    operationName: r.operation_name,
    operationHash: r.operation_hash,
    status: Number(r.status),
    errorCode: r.error_code,
    durationMs: Number(r.duration_ms),
    rows: Number(r.rows),
    cost: Number(r.cost),
    clientIp: r.client_ip,
    createdAt: sqlDateTimeToIso(r.created_at),
  }));
  return { entries, hasNextPage: rows.length > first, endCursor: entries.at(-1)?.cursor ?? null };
}
