import type { z } from 'zod';
import { governorSchema, int } from './Config.js';

/**
 * A client's own governor limits (gw_client.limits, `--limits`, the admin API): any of the
 * global options below, with the same bounds as the configuration; unknown keys are refused so
 * a misspelt `maxcost` can never be silently ignored. Omitted keys take the global default.
 */
const clientLimitsSchema = governorSchema
  .pick({
    maxDepth: true,
    maxAliases: true,
    maxRootFields: true,
    maxDirectives: true,
    maxRecursion: true,
    maxInputList: true,
    maxCost: true,
    maxExpandedSelections: true,
    budgetMaximum: true,
    budgetRestorePerSecond: true,
    maxInFlight: true,
  })
  .extend({
    /** a per-client statement deadline, ms (a client may be given a tighter one than the global minimum) */
    statementTimeoutMs: int(1, 600_000),
    /** a per-client parser token limit (only tighter than GOVERNOR_MAX_TOKENS has an effect) */
    maxTokens: int(1, 1_000_000),
    /** governed statements this client may run at once (its connection share; at most the reporting pool) */
    maxConnections: int(1, 1000),
    /** a per-client body limit, bytes (only tighter than BODY_LIMIT_BYTES has an effect) */
    maxBodyBytes: int(1, 64 * 1024 * 1024),
  })
  .partial()
  .strict();

export type ClientLimits = z.infer<typeof clientLimitsSchema>;

/** Parses limits from JSON text or an object; throws with one line per bad field, each naming it. */
export function parseClientLimits(input: unknown): ClientLimits {
  // z.coerce would accept "20000" from JSON text: limits are numbers, so refuse strings outright
  if (input && typeof input === 'object' && !Array.isArray(input)) {
    for (const [k, v] of Object.entries(input)) if (typeof v !== 'number') throw new ClientLimitsError([`${k}: must be a number`]);
  }
  const parsed = clientLimitsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ClientLimitsError(
    parsed.error.issues.map((i) => (i.code === 'unrecognized_keys' ? `unknown limit ${i.keys.join(', ')}` : `${i.path.join('.') || 'limits'}: ${i.message}`)),
  );
}

export class ClientLimitsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('; '));
    this.name = 'ClientLimitsError';
  }
}
