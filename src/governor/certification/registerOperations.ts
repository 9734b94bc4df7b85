import type { SecurityLogAppender } from '../../audit/SecurityLog.js';
import type { Stamp } from '../../audit/Stamp.js';
import type { OperationStore } from '../../gateway/operations/createOperationStore.js';
import type { OperationLabel, RegisterOutcome } from '../../gateway/operations/types.js';
import { invalidOperations, prepareOperations, type PrepareDeps } from './prepareOperations.js';

export interface CertifiedOperation {
  hash: string;
  name: string;
  /** the static cost at the worst allowed variables */
  cost: number;
  /** the variables it was priced at */
  pricedAt: Record<string, unknown>;
  outcome: RegisterOutcome;
}

/**
 * `chartgate operations register`: every operation of a .graphql source, validated against the
 * schema (one invalid operation refuses the whole source, with every validation error), priced at
 * its worst allowed variables, stored by the sha256 of its canonical print with the app version
 * label. Re-registering an operation updates its label and cost and restores it when retired.
 */
export async function registerOperations(
  deps: PrepareDeps & { store: Pick<OperationStore, 'register'>; log: SecurityLogAppender },
  stamp: Stamp,
  clientId: number,
  source: string,
  label: OperationLabel = { appName: '', appVersion: '' },
): Promise<CertifiedOperation[]> {
  const { operations, problems } = prepareOperations(deps, source);
  if (problems.length > 0) throw invalidOperations(problems);
  const outcomes = await deps.store.register(deps.log, stamp, clientId, operations, label);
  return operations.map((op, i) => ({ hash: op.hash, name: op.name, cost: op.cost, pricedAt: op.pricedAt, outcome: outcomes[i]! }));
}
