import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import type { Principal } from '../auth/Principal.js';
import type { Config } from '../config/Config.js';
import type { ClientState } from '../gateway/identity/IdentitySnapshot.js';
import type { BudgetStore } from './budget/BudgetStore.js';
import { createMemoryBudgetStore } from './budget/createMemoryBudgetStore.js';
import { createRedisBudgetStore } from './budget/createRedisBudgetStore.js';
import { createGovernorMetrics } from './createGovernorMetrics.js';
import { createGovernorPlugin, type GovernedContext } from './createGovernorPlugin.js';
import { createInFlightLimiter } from './createInFlightLimiter.js';
import { createOperationAnalyzer } from './createOperationAnalyzer.js';
import { createPolicyResolver } from './createPolicyResolver.js';

export interface GovernorDeps {
  config: Config['governor'];
  schema: GraphQLSchema;
  /** the identity cache's view of a client (mode, trusted_only, limits...), read without a statement */
  clientOf(clientId: number): ClientState | undefined;
  isCertified(clientId: number, sha256: string): Promise<boolean>;
  /** the process's metrics registry (built by the composition root, never prom-client's global one) */
  registry: Registry;
  /** overrides the store chosen from config (tests) */
  budgets?: BudgetStore;
  /** names the practice database in shared Redis keys, so two practices on one Redis never share a bucket */
  namespace: string;
}

/** Builds the governor's per-process parts: policies, budget store (memory or Redis), in-flight caps, metrics. */
export function createGovernor(deps: GovernorDeps) {
  const policyFor = createPolicyResolver(deps.config, deps.clientOf);
  const redis = !deps.budgets && deps.config.redisUrl ? new Redis(deps.config.redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: true }) : null;
  const budgets = deps.budgets ?? (redis ? createRedisBudgetStore({ redis, keyPrefix: `cg:budget:${deps.namespace}:` }) : createMemoryBudgetStore());
  const metrics = createGovernorMetrics(deps.registry);
  const inFlight = createInFlightLimiter();
  const certified = new Set<string>(); // positives only: a revoked certification needs a restart (documented)
  const plugin = createGovernorPlugin({
    policyFor,
    analyze: createOperationAnalyzer(deps.schema),
    budgets,
    inFlight,
    metrics,
    async isCertified(clientId, hash) {
      const key = `${clientId}:${hash}`;
      if (certified.has(key)) return true;
      const ok = await deps.isCertified(clientId, hash);
      if (ok) certified.add(key);
      return ok;
    },
  });
  return {
    policyFor,
    metrics,
    plugin<C extends GovernedContext>(): ApolloServerPlugin<C> {
      return plugin as unknown as ApolloServerPlugin<C>;
    },
    /** A client's budget now, changing nothing (the console's live load). */
    budgetOf: (clientId: number) => budgets.peek(String(clientId), policyFor(clientId).budget),
    /** Its part of each request: the client's statement deadline and database-time metrics. */
    contribute(principal: Principal) {
      const policy = policyFor(principal.clientId);
      if (!policy.enabled) return undefined;
      const client = String(principal.clientId);
      return {
        deadlineMs: policy.statementTimeoutMs,
        observer: { onStatement: (e: { pool: 'interactive' | 'reporting'; ms: number }) => metrics.statement(client, e.pool, e.ms / 1000) },
      };
    },
    async close() {
      await budgets.close();
      redis?.disconnect();
    },
  };
}

export type Governor = ReturnType<typeof createGovernor>;
