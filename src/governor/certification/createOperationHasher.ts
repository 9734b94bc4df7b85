import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import { operationDocument } from './operationDocument.js';

/**
 * operationDocument, memoized per operation node: Apollo keeps one parsed document per query
 * text, so a repeated operation is printed and hashed once per process, not once per request.
 */
export function createOperationHasher() {
  const memo = new WeakMap<OperationDefinitionNode, { text: string; hash: string }>();
  return function hashOf(document: DocumentNode, operation: OperationDefinitionNode): { text: string; hash: string } {
    let done = memo.get(operation);
    if (!done) {
      done = operationDocument(document, operation);
      memo.set(operation, done);
    }
    return done;
  };
}
