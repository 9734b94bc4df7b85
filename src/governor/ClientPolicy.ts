import type { ClientClass } from './admission/createFairScheduler.js';
import type { GovernorLimits } from './GovernorLimits.js';

/** Everything the governor decides one client's request by: global defaults merged with gw_client overrides. */
export interface ClientPolicy {
  readonly enabled: boolean;
  /** measure: compute, report and log, never reject */
  readonly mode: 'enforce' | 'measure';
  readonly limits: GovernorLimits;
  readonly budget: { readonly maximum: number; readonly restorePerSecond: number };
  readonly maxInFlight: number;
  /** how the database is shared with this client */
  readonly class: ClientClass;
  /** governed statements it may run at once (its share of the reporting pool) */
  readonly maxConnections: number;
  readonly statementTimeoutMs: number;
  readonly trustedOnly: boolean;
  readonly allowIntrospection: boolean;
  /** a per-client body limit below the global BODY_LIMIT_BYTES; undefined = the global one only */
  readonly maxBodyBytes?: number;
  /** a per-client parser token limit below the global GOVERNOR_MAX_TOKENS; undefined = the global one only */
  readonly maxTokens?: number;
}
