import type { Insertable } from 'kysely';
import type { Db } from '../../db/Db.js';
import type { SqlRunner } from '../../db/SqlRunner.js';
import type { GwRequestLogTable } from '../../db/gatewayTables.js';
import { selectLoadSeries, type LoadPoint } from './selectLoadSeries.js';
import { selectRequestLog } from './selectRequestLog.js';
import { selectTraffic, type ClientTraffic } from './selectTraffic.js';
import type { RequestLogEntry, RequestLogFilter } from '../clients/types.js';

export type RequestLogRow = Insertable<GwRequestLogTable>;

/** Where the integration log's rows go (the writer batches them off the request path). */
export interface RequestLogSink {
  /** one multi-row INSERT */
  insert(rows: readonly RequestLogRow[]): Promise<void>;
  /** deletes rows created before `cutoff` (UTC 'YYYY-MM-DD HH:MM:SS') */
  prune(cutoff: string): Promise<void>;
}

export interface RequestLogReader {
  /** newest first, keyset-paged on id; `first` 1..500 */
  list(filter: RequestLogFilter, first: number, after?: string | null): Promise<{ entries: RequestLogEntry[]; hasNextPage: boolean; endCursor: string | null }>;
  /** per minute and client since `since` (UTC 'YYYY-MM-DD HH:MM:SS') */
  series(since: string): Promise<LoadPoint[]>;
  /** per client since `since`: requests, errors, latest request */
  traffic(since: string): Promise<ClientTraffic[]>;
}

/** gw_request_log: the integration log's table. */
export function createRequestLogStore(db: Db, runner: SqlRunner): RequestLogSink & RequestLogReader {
  return {
    async insert(rows) {
      if (rows.length === 0) return;
      await runner.transaction('requestLog.insert', (trx) => runner.exec(trx, 'requestLog.insert', trx.insertInto('gw_request_log').values([...rows])));
    },
    async prune(cutoff) {
      await runner.transaction('requestLog.prune', (trx) =>
        runner.exec(trx, 'requestLog.prune', trx.deleteFrom('gw_request_log').where('created_at', '<', cutoff)),
      );
    },
    list: (filter, first, after) => selectRequestLog(db.admin, runner, filter, first, after),
    series: (since) => selectLoadSeries(db.admin, runner, since),
    traffic: (since) => selectTraffic(db.admin, runner, since),
  };
}
