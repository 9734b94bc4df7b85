import type { Db } from '../../db/Db.js';
import type { SqlRunner } from '../../db/SqlRunner.js';
import { sqlDateTimeToIso, toSqlDateTime } from '../../lib/dates.js';
import { notFound } from '../../lib/DomainError.js';

export interface StoredOperation {
  hash: string;
  name: string;
  cost: number;
  /** ISO 8601 UTC */
  createdAt: string;
}

/** gw_operation: the operations certified for each client, by sha256 of their canonical text. */
export interface OperationStore {
  /** inserts the operation unless the client already has it; false when it was already there */
  insert(clientId: number, op: { hash: string; name: string; document: string; cost: number }): Promise<boolean>;
  list(clientId: number): Promise<StoredOperation[]>;
  isCertified(clientId: number, hash: string): Promise<boolean>;
}

export function createOperationStore(db: Db, runner: SqlRunner, clock: () => Date): OperationStore {
  const k = db.admin;
  const exists = async (clientId: number, hash: string) =>
    (await runner.readInteractive('operations.find', k.selectFrom('gw_operation').select('id').where('client_id', '=', clientId).where('hash', '=', hash)))
      .length > 0;
  return {
    async insert(clientId, op) {
      const client = await runner.readInteractive('operations.client', k.selectFrom('gw_client').select('id').where('id', '=', clientId));
      if (client.length === 0) throw notFound('Client', clientId);
      if (await exists(clientId, op.hash)) return false;
      const res = await runner.transaction('operations.insert', (trx) =>
        runner.exec(
          trx,
          'operations.insert',
          trx
            .insertInto('gw_operation')
            .orIgnore()
            .values({ client_id: clientId, hash: op.hash, name: op.name, document: op.document, cost: op.cost, created_at: toSqlDateTime(clock()) }),
        ),
      );
      return Number(res.numAffectedRows ?? 0n) > 0;
    },
    async list(clientId) {
      const rows = await runner.readInteractive(
        'operations.list',
        k.selectFrom('gw_operation').select(['hash', 'name', 'cost', 'created_at']).where('client_id', '=', clientId).orderBy('id'),
      );
      return rows.map((r) => ({ hash: r.hash, name: r.name, cost: Number(r.cost), createdAt: sqlDateTimeToIso(r.created_at) }));
    },
    isCertified: exists,
  };
}
