import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import type { ClientState } from '../../gateway/identity/IdentitySnapshot.js';
import type { OperationStore } from '../../gateway/operations/createOperationStore.js';
import { DomainError } from '../../lib/DomainError.js';
import { ErrorCode } from '../../lib/ErrorCode.js';
import { createOperationHasher } from './createOperationHasher.js';

/** A client's answers kept per snapshot: enough for any real integration, and a bound on random documents. */
const MAX_KNOWN_PER_CLIENT = 1000;

export interface CertificationCheckDeps {
  operations: Pick<OperationStore, 'isCertified' | 'recordSeen'>;
  /** the identity cache's client (trustedOnly, operationLog); a new object after every reload */
  clientOf(clientId: number): ClientState | undefined;
  /** a log-mode document that could not be kept (the request still runs) */
  onError?: (err: unknown) => void;
}

export interface CertificationVerdict {
  /** sha256 of the operation's canonical document: the integration log's operation hash */
  hash: string;
  /** set when a trusted-only client sent an operation not certified for it */
  refusal?: DomainError;
}

/**
 * Certification for one request, by the rollout of its client: `enforce` (trustedOnly) refuses an
 * operation not certified for the client; `log` runs it and keeps its document (once per client
 * and hash) for `chartgate operations promote`. Answers are cached per client snapshot, so a
 * registration or removal anywhere is seen here after the next identity poll (it bumps the epoch).
 */
export function createCertificationCheck(deps: CertificationCheckDeps) {
  const hashOf = createOperationHasher();
  const known = new WeakMap<ClientState, Map<string, boolean>>();

  const certified = async (client: ClientState, hash: string, keep: () => Promise<void>): Promise<boolean> => {
    let answers = known.get(client);
    if (!answers) known.set(client, (answers = new Map()));
    const cached = answers.get(hash);
    if (cached !== undefined) return cached;
    const ok = await deps.operations.isCertified(client.id, hash);
    if (!ok && client.operationLog) await keep().catch((err) => deps.onError?.(err));
    if (answers.size >= MAX_KNOWN_PER_CLIENT) answers.clear();
    answers.set(hash, ok);
    return ok;
  };

  return async function check(clientId: number, document: DocumentNode, operation: OperationDefinitionNode): Promise<CertificationVerdict> {
    const { text, hash } = hashOf(document, operation);
    const client = deps.clientOf(clientId);
    if (!client || (!client.trustedOnly && !client.operationLog)) return { hash };
    const ok = await certified(client, hash, () => deps.operations.recordSeen(clientId, { hash, name: operation.name?.value ?? '', document: text }));
    if (ok || !client.trustedOnly) return { hash };
    return {
      hash,
      refusal: new DomainError(ErrorCode.OPERATION_NOT_CERTIFIED, 'This client may run only operations registered for it', {
        details: { operationHash: hash },
      }),
    };
  };
}

export type CertificationCheck = ReturnType<typeof createCertificationCheck>;
