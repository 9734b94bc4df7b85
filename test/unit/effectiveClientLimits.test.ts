import { describe, expect, it } from 'vitest';
import { effectiveClientLimits, limitDefaultsOf } from '../../src/config/effectiveClientLimits.js';
import { parseConfig } from '../../src/config/loadConfig.js';
import type { ClientState } from '../../src/gateway/identity/IdentitySnapshot.js';
import { createPolicyResolver } from '../../src/governor/createPolicyResolver.js';

const config = parseConfig({ governor: { maxTokens: 4000 }, http: { bodyLimitBytes: 100_000 } });
const defaults = limitDefaultsOf(config);

const client = (limits: Record<string, unknown> | null): ClientState =>
  ({ id: 7, trustedOnly: false, operationLog: false, allowIntrospection: false, mode: 'enforce', limits }) as unknown as ClientState;

describe("a client's effective limits (clients show, Client.limits)", () => {
  it.each([
    ['no overrides', null],
    ['looser and tighter numbers', { maxCost: 20_000, maxDepth: 5, maxInFlight: 2, statementTimeoutMs: 100, budgetMaximum: 50_000 }],
    ['token and body limits only tighten', { maxTokens: 9000, maxBodyBytes: 1_000_000 }],
    ['tighter token and body limits', { maxTokens: 30, maxBodyBytes: 300 }],
    ['bad stored values fall back to the default', { maxCost: -5, maxAliases: 'lots', maxRecursion: 2.5 }],
  ])('%s: the same figures the governor applies', (_what, limits) => {
    const policy = createPolicyResolver(config.governor, () => client(limits))(7);
    const effective = effectiveClientLimits(defaults, limits);
    expect({ ...effective, maxTokens: undefined, maxBodyBytes: undefined }).toEqual({
      ...policy.limits,
      budgetMaximum: policy.budget.maximum,
      budgetRestorePerSecond: policy.budget.restorePerSecond,
      maxInFlight: policy.maxInFlight,
      statementTimeoutMs: policy.statementTimeoutMs,
      maxTokens: undefined,
      maxBodyBytes: undefined,
    });
    // the governor holds per-client token and body limits only when tighter; the global ones hold anyway
    expect(effective.maxTokens).toBe(Math.min(policy.maxTokens ?? config.governor.maxTokens, config.governor.maxTokens));
    expect(effective.maxBodyBytes).toBe(Math.min(policy.maxBodyBytes ?? config.http.bodyLimitBytes, config.http.bodyLimitBytes));
  });

  it('defaults are the configuration', () => {
    expect(defaults).toMatchObject({ maxCost: 5000, maxDepth: 12, maxTokens: 4000, maxBodyBytes: 100_000, budgetMaximum: 10_000 });
  });
});
