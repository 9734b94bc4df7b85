import type { Config } from './Config.js';

/** Every limit a client may override, with the value in force. */
export interface LimitValues {
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  maxDirectives: number;
  maxRecursion: number;
  maxInputList: number;
  maxCost: number;
  maxExpandedSelections: number;
  budgetMaximum: number;
  budgetRestorePerSecond: number;
  maxInFlight: number;
  statementTimeoutMs: number;
  maxTokens: number;
  maxBodyBytes: number;
}

/** The global defaults a client's own limits override: the governor's options and the edge's body limit. */
export function limitDefaultsOf(config: Pick<Config, 'governor' | 'http'>): LimitValues {
  const g = config.governor;
  return Object.freeze({
    maxDepth: g.maxDepth,
    maxAliases: g.maxAliases,
    maxRootFields: g.maxRootFields,
    maxDirectives: g.maxDirectives,
    maxRecursion: g.maxRecursion,
    maxInputList: g.maxInputList,
    maxCost: g.maxCost,
    maxExpandedSelections: g.maxExpandedSelections,
    budgetMaximum: g.budgetMaximum,
    budgetRestorePerSecond: g.budgetRestorePerSecond,
    maxInFlight: g.maxInFlight,
    statementTimeoutMs: g.statementTimeoutMs,
    maxTokens: g.maxTokens,
    maxBodyBytes: config.http.bodyLimitBytes,
  });
}

const positive = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;

/**
 * What the governor applies to a client (src/governor/createPolicyResolver.ts builds the same
 * figures): its own positive-integer value, else the default; the token and body limits only
 * ever tighten the global ones, which the parser and the HTTP edge apply to everyone.
 */
export function effectiveClientLimits(defaults: LimitValues, own: Readonly<Record<string, unknown>> | null): LimitValues {
  const out = { ...defaults };
  for (const key of Object.keys(defaults) as (keyof LimitValues)[]) {
    const v = own?.[key];
    if (!positive(v)) continue;
    out[key] = key === 'maxTokens' || key === 'maxBodyBytes' ? Math.min(v, defaults[key]) : v;
  }
  return out;
}
