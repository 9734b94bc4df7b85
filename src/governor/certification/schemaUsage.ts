import { parse, type GraphQLSchema } from 'graphql';
import { collectUsage } from './collectUsage.js';

export interface FieldUsage {
  /** 'Patient.email' */
  readonly coordinate: string;
  readonly clients: readonly { readonly clientId: number; readonly clientName: string; readonly operations: readonly string[] }[];
}

/**
 * `chartgate schema usage`: which clients use each field, from their certified and log-mode
 * documents (an operation is named by its name, or its hash's first 12 characters).
 */
export function schemaUsage(
  schema: GraphQLSchema,
  documents: readonly { clientId: number; hash: string; name: string; document: string }[],
  clientName: (clientId: number) => string,
): FieldUsage[] {
  const byField = new Map<string, Map<number, Set<string>>>();
  for (const d of documents) {
    let usage;
    try {
      usage = collectUsage(schema, parse(d.document));
    } catch {
      continue; // a stored document that no longer parses uses nothing we can name
    }
    for (const f of usage.fields) {
      const clients = byField.get(f.coordinate) ?? new Map<number, Set<string>>();
      byField.set(f.coordinate, clients);
      const ops = clients.get(d.clientId) ?? new Set<string>();
      clients.set(d.clientId, ops);
      ops.add(d.name || d.hash.slice(0, 12));
    }
  }
  return [...byField.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([coordinate, clients]) => ({
      coordinate,
      clients: [...clients.entries()]
        .sort(([a], [b]) => a - b)
        .map(([clientId, ops]) => ({ clientId, clientName: clientName(clientId), operations: [...ops].sort() })),
    }));
}
