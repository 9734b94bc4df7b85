import type { SecurityLogAppender } from '../../audit/SecurityLog.js';
import type { Stamp } from '../../audit/Stamp.js';
import type { Db } from '../../db/Db.js';
import type { SqlRunner } from '../../db/SqlRunner.js';
import { toSqlDateTime } from '../../lib/dates.js';
import { selectDocument, selectOperations } from './selectOperations.js';
import { selectSeen } from './selectSeen.js';
import { selectUsage } from './selectUsage.js';
import type { OperationLabel, OperationSelector, OperationToRegister, OperationUsage, RegisterOutcome, SeenOperation, StoredOperation } from './types.js';
import { registerRows } from './registerOperationRows.js';
import { removeRows } from './removeOperationRows.js';

/**
 * gw_operation (the operations certified for each client, by the sha256 of their canonical text)
 * and gw_operation_seen (what clients in log mode sent unregistered). Every admin change is one
 * transaction with its securitylog row and an identity-epoch bump, so every instance's
 * certification and persisted-query caches start afresh within a poll.
 */
export interface OperationStore {
  register(log: SecurityLogAppender, stamp: Stamp, clientId: number, ops: readonly OperationToRegister[], label: OperationLabel): Promise<RegisterOutcome[]>;
  /** deletes the rows; returns the hashes removed (NOT_FOUND when a hash or name matches nothing) */
  unregister(log: SecurityLogAppender, stamp: Stamp, clientId: number, selector: OperationSelector): Promise<string[]>;
  /** keeps the rows, no longer certified; returns the hashes retired */
  retire(log: SecurityLogAppender, stamp: Stamp, clientId: number, selector: OperationSelector): Promise<string[]>;
  /** one client's (clientId) or every live client's certified operations */
  list(opts?: { clientId?: number; includeRetired?: boolean }): Promise<StoredOperation[]>;
  /** requests and last use per hash, from the integration log */
  usage(clientId: number, hashes: readonly string[]): Promise<Map<string, OperationUsage>>;
  isCertified(clientId: number, hash: string): Promise<boolean>;
  /** a certified document by hash, for persisted queries */
  documentByHash(hash: string): Promise<string | undefined>;
  /** keeps an unregistered operation a log-mode client sent (once per client and hash) */
  recordSeen(clientId: number, op: { hash: string; name: string; document: string }): Promise<void>;
  /** `since`: UTC 'YYYY-MM-DD HH:MM:SS' */
  listSeen(opts?: { clientId?: number; since?: string }): Promise<SeenOperation[]>;
}

export function createOperationStore(db: Db, runner: SqlRunner, clock: () => Date): OperationStore {
  const k = db.admin;
  return {
    register: (log, stamp, clientId, ops, label) => registerRows(runner, log, stamp, clientId, ops, label),
    unregister: (log, stamp, clientId, selector) => removeRows(runner, log, stamp, clientId, selector, 'unregister'),
    retire: (log, stamp, clientId, selector) => removeRows(runner, log, stamp, clientId, selector, 'retire'),
    list: (opts = {}) => selectOperations(k, runner, opts),
    usage: (clientId, hashes) => selectUsage(k, runner, clientId, hashes),
    async isCertified(clientId, hash) {
      const rows = await runner.readInteractive(
        'operations.find',
        k.selectFrom('gw_operation').select('id').where('client_id', '=', clientId).where('hash', '=', hash).where('retired_at', 'is', null),
      );
      return rows.length > 0;
    },
    documentByHash: (hash) => selectDocument(k, runner, hash),
    async recordSeen(clientId, op) {
      await runner.transaction('operations.seen', (trx) =>
        runner.exec(
          trx,
          'operations.seen.insert',
          trx
            .insertInto('gw_operation_seen')
            .orIgnore()
            .values({ client_id: clientId, hash: op.hash, name: op.name.slice(0, 200), document: op.document, first_seen_at: toSqlDateTime(clock()) }),
        ),
      );
    },
    listSeen: (opts = {}) => selectSeen(k, runner, opts),
  };
}
