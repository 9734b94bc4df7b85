import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import type { Registry } from 'prom-client';
import type { Principal } from '../auth/Principal.js';
import type { Config } from '../config/Config.js';
import type { Db } from '../db/Db.js';
import type { StatementEvent } from '../db/SqlRunner.js';
import type { ClientState } from '../gateway/identity/IdentitySnapshot.js';
import { DomainError } from '../lib/DomainError.js';
import { ErrorCode } from '../lib/ErrorCode.js';
import type { RedisLink } from '../redis/createRedisLink.js';
import { createFairScheduler, type ClientClass } from './admission/createFairScheduler.js';
import { createGradientLimit, type AdaptiveLimit } from './admission/createGradientLimit.js';
import { createPenaltyBox } from './admission/createPenaltyBox.js';
import { createStrainSampler } from './admission/createStrainSampler.js';
import type { BucketLimits, BudgetStore } from './budget/BudgetStore.js';
import { createFailoverBudgetStore } from './budget/createFailoverBudgetStore.js';
import { createMemoryBudgetStore } from './budget/createMemoryBudgetStore.js';
import { createRedisBudgetStore } from './budget/createRedisBudgetStore.js';
import type { ClientPolicy } from './ClientPolicy.js';
import { createCertificationCheck, type CertificationCheckDeps } from './certification/createCertificationCheck.js';
import { createGovernorMetrics } from './createGovernorMetrics.js';
import { createGovernorPlugin, type GovernedContext } from './createGovernorPlugin.js';
import { createOperationAnalyzer } from './createOperationAnalyzer.js';
import { createPolicyResolver } from './createPolicyResolver.js';
import { createMemoryInFlightLimiter } from './inFlight/createMemoryInFlightLimiter.js';
import { createRedisInFlightLimiter } from './inFlight/createRedisInFlightLimiter.js';

export interface GovernorDeps {
  config: Config['governor'];
  /** DB_POOL_REPORTING: the most governed statements that can ever run at once */
  poolSize: number;
  /** DB_REPORTING_QUEUE: statements that may wait for a slot in all */
  queueLimit: number;
  schema: GraphQLSchema;
  /** the identity cache's view of a client (mode, class, limits...), read without a statement */
  clientOf(clientId: number): ClientState | undefined;
  /** certified operations and log-mode documents (gw_operation, gw_operation_seen) */
  operations: CertificationCheckDeps['operations'];
  /** the database's load probe, for the strain sampler */
  db: Pick<Db, 'sampleLoad'>;
  /** the process's metrics registry (built by the composition root, never prom-client's global one) */
  registry: Registry;
  /** shared state across instances (REDIS_URL); absent = per instance */
  redis?: RedisLink;
  /** overrides the store chosen from config (tests) */
  budgets?: BudgetStore;
  /** names the practice database in shared Redis keys, so two practices on one Redis never share a bucket */
  namespace: string;
  /** a background failure: a strain reading, or a log-mode document that could not be kept */
  onError?: (error: unknown) => void;
}

/** How much of its restore rate a class keeps at full strain: interactive all of it, bulk a tenth. */
const RESTORE_AT_FULL_STRAIN: Readonly<Record<ClientClass, number>> = Object.freeze({ interactive: 1, reporting: 0.25, bulk: 0.1 });

/**
 * The governor's per-process parts: policies, the document analyzer, budgets and in-flight caps
 * (memory, or Redis with a per-instance fallback), and admission: the fair scheduler in front of
 * the reporting pool, its adaptive concurrency limit and the strain sampler that shrinks
 * reporting and bulk shares when the database strains.
 */
export function createGovernor(deps: GovernorDeps) {
  const { config } = deps;
  const policyFor = createPolicyResolver(config, deps.clientOf);
  const metrics = createGovernorMetrics(deps.registry);
  const local = createMemoryBudgetStore();
  const link = deps.redis;
  const budgets =
    deps.budgets ??
    (link
      ? createFailoverBudgetStore({
          shared: createRedisBudgetStore({ redis: link.redis, keyPrefix: `cg:budget:${deps.namespace}:` }),
          local,
          link,
          mode: config.redisFailure,
        })
      : local);
  const localInFlight = createMemoryInFlightLimiter();
  const inFlight = link
    ? createRedisInFlightLimiter({ link, local: localInFlight, keyPrefix: `cg:inflight:${deps.namespace}:`, leaseMs: config.inFlightLeaseMs })
    : localInFlight;

  const limit: AdaptiveLimit = config.adaptiveLimit
    ? // at least two, so a reporting client always has a slot beside the one kept for interactive clients
      createGradientLimit({ max: deps.poolSize, min: Math.min(2, deps.poolSize), tolerance: config.limitTolerance })
    : { limit: deps.poolSize, sample: () => undefined };
  const strain = createStrainSampler({
    probe: () => deps.db.sampleLoad(),
    intervalMs: config.strainIntervalMs,
    thresholds: {
      threadsLow: config.strainThreads[0],
      threadsHigh: config.strainThreads[1],
      canaryLowMs: config.strainCanaryMs[0],
      canaryHighMs: config.strainCanaryMs[1],
      lagLowS: config.strainLagS[0],
      lagHighS: config.strainLagS[1],
    },
    onError: deps.onError,
  });
  const strainLevel = () => (config.strainIntervalMs > 0 ? strain.current().level : 0);
  const scheduler = createFairScheduler({
    limit,
    strain: strainLevel,
    maxQueued: Math.max(1, deps.queueLimit),
    maxWaitMs: config.queueWaitMs,
    shares: { reporting: config.shareReporting, bulk: config.shareBulk },
    onShed: (cls, reason) => metrics.shed(cls, reason),
  });

  /** The client's bucket now: reporting and bulk restore more slowly while the database strains. */
  const bucketOf = (policy: ClientPolicy): BucketLimits => {
    const s = strainLevel();
    const keep = 1 - (1 - RESTORE_AT_FULL_STRAIN[policy.class]) * s;
    return { maximum: policy.budget.maximum, restorePerSecond: Math.max(1, Math.round(policy.budget.restorePerSecond * keep)) };
  };

  const admissionState = (policy: ClientPolicy) => {
    return { class: policy.class, concurrencyLimit: limit.limit, strain: Math.round(strainLevel() * 100) / 100 };
  };

  // each held request is a socket and a timer: past this many, early requests are refused at once
  const box = createPenaltyBox({ holdMs: config.refusalHoldMs, maxHeld: 1000, onHold: (clientId) => metrics.held(String(clientId)) });

  const plugin = createGovernorPlugin({
    policyFor,
    analyzer: createOperationAnalyzer(deps.schema, { maxIntrospectionDepth: config.maxIntrospectionDepth }),
    budgets,
    inFlight,
    metrics,
    certify: createCertificationCheck({ operations: deps.operations, clientOf: deps.clientOf, onError: deps.onError }),
    pointsPerMs: config.dbPointsPerMs,
    bucketOf,
    admissionState,
    onRetryAfter: (clientId, seconds) => box.refuse(clientId, seconds),
  });
  let timer: NodeJS.Timeout | null = null;

  return {
    policyFor,
    metrics,
    scheduler,
    strain,
    plugin<C extends GovernedContext>(): ApolloServerPlugin<C> {
      return plugin as unknown as ApolloServerPlugin<C>;
    },
    /** A client's budget now, changing nothing (the console's live load). */
    budgetOf: (clientId: number) => budgets.peek(String(clientId), policyFor(clientId).budget),
    /**
     * Before the request is parsed: a client that was told to retry later and came back early
     * waits for its time (GOVERNOR_REFUSAL_HOLD_MS at most), or is refused with THROTTLED.
     */
    async admitRequest(principal: Principal, signal?: AbortSignal): Promise<void> {
      const policy = policyFor(principal.clientId);
      if (!policy.enabled || policy.mode !== 'enforce') return;
      try {
        await box.admit(principal.clientId, signal);
      } catch (error) {
        metrics.rejected(String(principal.clientId), ErrorCode.THROTTLED);
        throw error;
      }
    },
    /**
     * Its part of each request: the client's statement deadline, database-time metrics, and a
     * fair slot for every governed read. Bulk work is refused at once while the database strains.
     */
    contribute(principal: Principal) {
      const policy = policyFor(principal.clientId);
      if (!policy.enabled) return undefined;
      if (policy.class === 'bulk' && policy.mode === 'enforce' && strainLevel() >= config.bulkShedStrain) {
        metrics.shed('bulk', 'strain');
        metrics.rejected(String(principal.clientId), ErrorCode.OVERLOADED);
        throw new DomainError(ErrorCode.OVERLOADED, 'The database is under strain and bulk work is paused; retry later', { details: { retryAfterSeconds: 5 } });
      }
      const client = String(principal.clientId);
      const cap = Math.min(policy.maxConnections, deps.poolSize);
      return {
        deadlineMs: policy.statementTimeoutMs,
        observer: { onStatement: (e: StatementEvent) => metrics.statement(client, e.pool, e.ms / 1000) },
        acquire: (signal: AbortSignal | undefined) => {
          const req = { clientId: principal.clientId, class: policy.class, cap, signal };
          const now = scheduler.tryAcquire(req);
          if (now) return now.release;
          return scheduler.acquire(req).then((slot) => slot.release);
        },
      };
    },
    /** A client was just switched off: its statements still waiting for a slot never start. */
    dropClient(clientId: number) {
      scheduler.dropClient(clientId, new DomainError(ErrorCode.CLIENT_SUSPENDED, 'This client is suspended'));
    },
    /** Starts the strain sampler and keeps the admission gauges current. */
    start() {
      strain.start();
      if (config.strainIntervalMs > 0) {
        timer = setInterval(() => metrics.admission({ ...scheduler.state(), strain: strainLevel() }), config.strainIntervalMs);
        timer.unref();
      }
      if (link) metrics.redis(link.isUp());
    },
    async close() {
      if (timer) clearInterval(timer);
      timer = null;
      await strain.stop();
      await budgets.close();
    },
  };
}

export type Governor = ReturnType<typeof createGovernor>;
