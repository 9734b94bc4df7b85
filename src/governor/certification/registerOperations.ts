import { Kind, parse, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import type { OperationStore } from '../../gateway/operations/createOperationStore.js';
import { badInput } from '../../lib/DomainError.js';
import { operationDocument } from './operationDocument.js';

export interface CertifiedOperation {
  hash: string;
  name: string;
  cost: number;
  /** false when the client already had it */
  inserted: boolean;
}

/**
 * `chartgate operations register`: stores every operation of a .graphql file for the client by
 * the sha256 of its canonical print, with its static cost; re-registering is a no-op.
 */
export async function registerOperations(
  store: Pick<OperationStore, 'insert'>,
  costOf: (document: DocumentNode) => number,
  clientId: number,
  source: string,
): Promise<CertifiedOperation[]> {
  let document: DocumentNode;
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
    const cost = costOf(parse(text));
    const name = op.name?.value ?? '';
    const inserted = await store.insert(clientId, { hash, name, document: text, cost });
    out.push({ hash, name, cost, inserted });
  }
  return out;
}
