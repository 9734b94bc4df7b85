import type { GraphQLSchema } from 'graphql';
import type { SeenOperation, StoredOperation } from '../../gateway/operations/types.js';
import { explainBreaks, type Break } from './explainBreaks.js';

export interface BrokenOperation {
  readonly hash: string;
  readonly name: string;
  /** certified (gw_operation) or seen in log mode (gw_operation_seen) */
  readonly source: 'certified' | 'seen';
  readonly breaks: readonly Break[];
}

export interface ClientBreaks {
  readonly clientId: number;
  readonly clientName: string;
  readonly checked: number;
  readonly broken: readonly BrokenOperation[];
}

export interface SchemaCheckReport {
  /** operations checked (certified + seen, each once per client) */
  readonly checked: number;
  /** clients with at least one broken operation, by id */
  readonly clients: readonly ClientBreaks[];
  /** true when a certified operation breaks: a release must not ship */
  readonly certifiedBreak: boolean;
}

/**
 * `chartgate schema check`: every client's certified operations, and the operations its log mode
 * kept, replayed against the next schema; per client, which break and why.
 */
export function checkSchemaChange(opts: {
  current: GraphQLSchema;
  next: GraphQLSchema;
  certified: readonly StoredOperation[];
  seen: readonly SeenOperation[];
  clientName(clientId: number): string;
}): SchemaCheckReport {
  const byClient = new Map<number, { checked: number; broken: BrokenOperation[] }>();
  const done = new Set<string>();
  let checked = 0;
  const check = (clientId: number, op: { hash: string; name: string; document: string }, source: BrokenOperation['source']) => {
    const key = `${clientId}:${op.hash}`;
    if (done.has(key)) return;
    done.add(key);
    checked++;
    const entry = byClient.get(clientId) ?? { checked: 0, broken: [] };
    byClient.set(clientId, entry);
    entry.checked++;
    const breaks = explainBreaks(opts.current, opts.next, op.document);
    if (breaks.length > 0) entry.broken.push({ hash: op.hash, name: op.name, source, breaks });
  };
  for (const op of opts.certified) check(op.clientId, op, 'certified');
  for (const op of opts.seen) check(op.clientId, op, 'seen');
  const clients = [...byClient.entries()]
    .filter(([, e]) => e.broken.length > 0)
    .sort(([a], [b]) => a - b)
    .map(([clientId, e]) => ({ clientId, clientName: opts.clientName(clientId), checked: e.checked, broken: e.broken }));
  return { checked, clients, certifiedBreak: clients.some((c) => c.broken.some((b) => b.source === 'certified')) };
}
