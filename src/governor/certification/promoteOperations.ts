import type { SecurityLogAppender } from '../../audit/SecurityLog.js';
import type { Stamp } from '../../audit/Stamp.js';
import type { OperationStore } from '../../gateway/operations/createOperationStore.js';
import type { OperationLabel } from '../../gateway/operations/types.js';
import { prepareOperations, type OperationProblem, type PrepareDeps } from './prepareOperations.js';
import type { CertifiedOperation } from './registerOperations.js';

export interface Promotion {
  /** the operations now certified (outcome `registered`, or `restored` for retired ones) */
  certified: CertifiedOperation[];
  /** seen operations that no longer validate against the schema: left uncertified */
  skipped: OperationProblem[];
}

/**
 * `chartgate operations promote CLIENT_ID --since 7d`: the operations a client in log mode sent
 * unregistered during the window (first seen in it, or in the integration log since) become
 * certified in one step, each validated and priced exactly as `operations register` does.
 */
export async function promoteOperations(
  deps: PrepareDeps & { store: Pick<OperationStore, 'register' | 'listSeen' | 'list'>; log: SecurityLogAppender },
  stamp: Stamp,
  clientId: number,
  since: string,
  label: OperationLabel = { appName: '', appVersion: '' },
): Promise<Promotion> {
  const [seen, active] = await Promise.all([deps.store.listSeen({ clientId, since }), deps.store.list({ clientId })]);
  const certified = new Set(active.map((o) => o.hash));
  const candidates = seen.filter((s) => !certified.has(s.hash));
  const ready: Promotion['certified'] = [];
  const skipped: OperationProblem[] = [];
  const operations = [];
  for (const s of candidates) {
    const prepared = prepareOperations(deps, s.document);
    skipped.push(...prepared.problems);
    operations.push(...prepared.operations);
  }
  if (operations.length === 0) return { certified: ready, skipped };
  const outcomes = await deps.store.register(deps.log, stamp, clientId, operations, label);
  operations.forEach((op, i) => ready.push({ hash: op.hash, name: op.name, cost: op.cost, pricedAt: op.pricedAt, outcome: outcomes[i]! }));
  return { certified: ready, skipped };
}
