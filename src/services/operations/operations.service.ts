import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import type { Kysely } from 'kysely';
import type { SqlRunner } from '../../db/SqlRunner.js';
import type { Database } from '../../db/tables.js';
import { badInput, notFound } from '../../lib/DomainError.js';
import { operationDocument } from '../../lib/operationHash.js';
import { toSqlDateTime } from '../../lib/dates.js';

export interface CertifiedOperation {
  hash: string;
  name: string;
  cost: number;
  inserted: boolean;
}

export interface OperationsDeps {
  db: Kysely<Database>;
  runner: SqlRunner;
  clock: () => Date;
  /** static cost of one operation document (the governor's analyzer, injected by the CLI) */
  costOf: (text: string) => number;
}

/** Certified operations (`chartgate operations register`): what a trustedOnly client may run. */
export function createOperationsService(deps: OperationsDeps) {
  return {
    /** Stores every operation of a .graphql file for the client by sha256; re-registering is a no-op. */
    async register(clientId: number, source: string): Promise<CertifiedOperation[]> {
      const [client] = await deps.runner.readInteractive('loadClientForOperations', deps.db.selectFrom('gw_client').select('id').where('id', '=', clientId));
      if (!client) throw notFound('Client', clientId);
      let document;
      try {
        document = parse(source);
      } catch (error) {
        throw badInput(`The file is not a GraphQL document: ${(error as Error).message}`, 'file');
      }
      const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
      if (operations.length === 0) throw badInput('The file holds no operation', 'file');
      const out: CertifiedOperation[] = [];
      for (const op of operations) {
        const { text, hash } = operationDocument(document, op);
        const cost = deps.costOf(text);
        const name = op.name?.value ?? '';
        const existing = await deps.runner.readInteractive('findCertifiedOperation',
          deps.db.selectFrom('gw_operation').select('id').where('client_id', '=', clientId).where('hash', '=', hash));
        if (existing.length === 0) {
          await deps.runner.transaction('registerOperation', (trx) =>
            deps.runner.exec(trx, 'insertCertifiedOperation', trx.insertInto('gw_operation').values({
              client_id: clientId, hash, name, document: text, cost, created_at: toSqlDateTime(deps.clock()),
            })));
        }
        out.push({ hash, name, cost, inserted: existing.length === 0 });
      }
      return out;
    },

    async list(clientId: number) {
      return deps.runner.readInteractive('listCertifiedOperations',
        deps.db.selectFrom('gw_operation').select(['hash', 'name', 'cost', 'created_at']).where('client_id', '=', clientId).orderBy('id'));
    },

    async isCertified(clientId: number, hash: string): Promise<boolean> {
      const rows = await deps.runner.readInteractive('isOperationCertified',
        deps.db.selectFrom('gw_operation').select('id').where('client_id', '=', clientId).where('hash', '=', hash));
      return rows.length > 0;
    },
  };
}

export type OperationsService = ReturnType<typeof createOperationsService>;
