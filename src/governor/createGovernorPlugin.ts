import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import type { Principal } from '../auth/Principal.js';
import { DomainError } from '../lib/DomainError.js';
import { ErrorCode } from '../lib/ErrorCode.js';
import type { CertificationCheck } from './certification/createCertificationCheck.js';
import { countTokens } from './analysis/countTokens.js';
import { tooComplex } from './analysis/tooComplex.js';
import type { BucketLimits, BucketState, BudgetStore } from './budget/BudgetStore.js';
import type { ClientPolicy } from './ClientPolicy.js';
import { countActualCost } from './countActualCost.js';
import type { GovernorMetrics } from './createGovernorMetrics.js';
import type { OperationAnalyzer } from './createOperationAnalyzer.js';
import type { InFlightLimiter } from './inFlight/InFlightLimiter.js';
import { rateLimitHeaders } from './rateLimitHeaders.js';
import { selectsIntrospection } from './selectsIntrospection.js';

export interface GovernorPluginDeps {
  policyFor(clientId: number): ClientPolicy;
  analyzer: OperationAnalyzer;
  budgets: BudgetStore;
  inFlight: InFlightLimiter;
  metrics?: GovernorMetrics;
  /** the client's rollout: refuses (enforce) or keeps (log) operations not registered for it; names the operation's hash */
  certify: CertificationCheck;
  /** GOVERNOR_DB_POINTS_PER_MS */
  pointsPerMs: number;
  /** the client's bucket limits now: restore rates of reporting and bulk clients shrink under strain */
  bucketOf(policy: ClientPolicy): BucketLimits;
  /** what `extensions.governor` reports of the database's state */
  admissionState(policy: ClientPolicy): Record<string, unknown>;
  /** an enforce-mode client was just answered THROTTLED with Retry-After (the penalty box holds it if it comes back early) */
  onRetryAfter?(clientId: number, seconds: number): void;
}

/** What the governor reads and writes on the request context (its figures go to `stats.cost` for the integration log). */
export interface GovernedContext extends BaseContext {
  principal: Principal;
  requestId: string;
  stats: {
    dbMs: { interactive: number; reporting: number };
    cost: { requested: number; actual: number; databaseMs: number } | null;
    operationHash: string | null;
  };
}

/** A refusal not yet built as an error. */
interface Refusal {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** Per-request bookkeeping: nothing of one request leaks into another. */
interface RequestState {
  policy: ClientPolicy;
  started: number;
  release: (() => void) | null;
  requested: number;
  debited: number;
  isMutation: boolean;
  throttle?: BucketState;
  retryAfterSeconds?: number;
  /** measure mode: what enforce mode would have answered */
  wouldReject?: { code: ErrorCode; message: string; limit?: unknown };
}

/** The Retry-After an error asks for (OVERLOADED and THROTTLED carry retryAfterSeconds in their extensions). */
const retryAfterOf = (errors: readonly { extensions?: Record<string, unknown> }[] | undefined, only?: ErrorCode): number | undefined => {
  let most: number | undefined;
  for (const e of errors ?? []) {
    const code = e.extensions?.code;
    if (code !== ErrorCode.OVERLOADED && code !== ErrorCode.THROTTLED) continue;
    if (only && code !== only) continue;
    const s = Number(e.extensions?.retryAfterSeconds ?? 1);
    most = Math.max(most ?? 0, Number.isFinite(s) && s > 0 ? Math.ceil(s) : 1);
  }
  return most;
};

/**
 * The governor as one Apollo plugin. Cheap checks first, all in didResolveOperation (per request,
 * with its variables; Apollo caches validation per document, the analyzer caches the rest):
 * introspection grant, per-client body and token limits, the in-flight slot, certification,
 * structural limits and static cost (a cost above the whole bucket can never run), then the
 * budget debit. After execution the bucket settles on the actual cost: the larger of the objects
 * returned and the database time the request's statements took.
 */
export function createGovernorPlugin<C extends GovernedContext>(deps: GovernorPluginDeps): ApolloServerPlugin<C> {
  // Apollo keeps one parsed document per query text: its operation is walked once, not once per request
  const introspects = new WeakMap<OperationDefinitionNode, boolean>();
  const selectsIntrospectionOnce = (document: DocumentNode, operation: OperationDefinitionNode) => {
    let known = introspects.get(operation);
    if (known === undefined) introspects.set(operation, (known = selectsIntrospection(document, operation)));
    return known;
  };
  return {
    async requestDidStart({ contextValue }) {
      const clientKey = String(contextValue.principal.clientId);
      const state: RequestState = {
        policy: deps.policyFor(contextValue.principal.clientId),
        started: performance.now(),
        release: null,
        requested: 0,
        debited: 0,
        isMutation: false,
      };
      deps.metrics?.requestStarted(clientKey);

      /** enforce: throw; measure: remember and go on */
      // a refusal is built as an error only when it is thrown: measure mode records it without a stack trace
      const reject = (refusal: DomainError | Refusal) => {
        deps.metrics?.rejected(clientKey, refusal.code);
        if (state.policy.mode === 'enforce')
          throw refusal instanceof DomainError ? refusal : new DomainError(refusal.code, refusal.message, { details: refusal.details });
        const limit = refusal.details?.limit;
        state.wouldReject ??= { code: refusal.code, message: refusal.message, ...(limit ? { limit } : {}) };
      };

      return {
        async didResolveOperation({ request, document, operation }) {
          if (!operation) return;
          const { policy } = state;
          // the introspection grant is an access rule, so it holds even with the guards switched off
          if (!policy.allowIntrospection && selectsIntrospectionOnce(document, operation)) {
            deps.metrics?.rejected(clientKey, ErrorCode.FORBIDDEN);
            throw new DomainError(ErrorCode.FORBIDDEN, 'Introspection is not granted to this client');
          }
          if (!policy.enabled) return;
          const clientId = contextValue.principal.clientId;
          state.isMutation = operation.operation === 'mutation';

          // the cost comes first so every rejection (and measure mode) reports what the request would have cost
          const analysis = deps.analyzer.inspect({ document, operationName: request.operationName, variables: request.variables ?? {}, limits: policy.limits });
          state.requested = analysis.cost;
          const bucket = deps.bucketOf(policy);

          // per-client structural limits tighter than the global ones the edge and the parser already applied
          const bodyBytes = Number(request.http?.headers.get('content-length') ?? 0);
          if (policy.maxBodyBytes !== undefined && bodyBytes > policy.maxBodyBytes)
            reject(tooComplex('bodySize', bodyBytes, policy.maxBodyBytes, 'Request body bytes'));
          if (policy.maxTokens !== undefined && request.query) {
            const tokens = countTokens(request.query, policy.maxTokens);
            if (tokens > policy.maxTokens) reject(tooComplex('tokens', tokens, policy.maxTokens, 'Document tokens'));
          }

          state.release = await deps.inFlight.acquire(clientKey, policy.maxInFlight);
          if (!state.release) {
            state.retryAfterSeconds = 1;
            reject({
              code: ErrorCode.THROTTLED,
              message: `Too many requests in flight for this client (maximum ${policy.maxInFlight})`,
              details: { limit: 'inFlight', maximum: policy.maxInFlight, retryAfterSeconds: 1 },
            });
          }

          // the canonical print of the chosen operation, so whitespace and sibling operations do not matter
          const certification = await deps.certify(clientId, document, operation);
          contextValue.stats.operationHash = certification.hash;
          if (certification.refusal) reject(certification.refusal);

          for (const violation of analysis.violations) reject(violation);
          // a request dearer than the whole bucket would be throttled for ever: it is too complex, not early
          if (state.requested > bucket.maximum) reject(tooComplex('budget', state.requested, bucket.maximum, 'Query cost against the whole budget'));

          const take = await deps.budgets.take(clientKey, state.requested, bucket);
          state.throttle = take;
          if (take.ok) state.debited = state.requested;
          else {
            state.retryAfterSeconds = Math.max(1, Math.ceil(take.retryAfterSeconds));
            reject({
              code: ErrorCode.THROTTLED,
              message: 'The cost budget of this client is exhausted; retry later',
              details: {
                requestedQueryCost: state.requested,
                retryAfterSeconds: state.retryAfterSeconds,
                throttleStatus: { maximumAvailable: take.maximum, currentlyAvailable: take.available, restoreRate: take.restorePerSecond },
              },
            });
          }
        },

        async willSendResponse({ response, contextValue: ctx }) {
          state.release?.();
          state.release = null;
          deps.metrics?.requestFinished(clientKey, (performance.now() - state.started) / 1000);
          if (!state.policy.enabled) return;
          const body = response.body;
          const result = body.kind === 'single' ? body.singleResult : undefined;
          const objects = countActualCost(result?.data, state.isMutation);
          const databaseMs = Math.round((ctx.stats.dbMs.interactive + ctx.stats.dbMs.reporting) * 1000) / 1000;
          // the database's own work is a cost too: a scan that returns nothing is not free
          const actual = Math.max(objects, Math.ceil(databaseMs * deps.pointsPerMs));
          const bucket = deps.bucketOf(state.policy);
          if (state.debited > 0 || actual > 0) state.throttle = await deps.budgets.settle(clientKey, actual - state.debited, bucket);
          deps.metrics?.cost(clientKey, state.requested, actual, databaseMs);
          ctx.stats.cost = { requested: state.requested, actual, databaseMs };

          const retryAfter = state.policy.mode === 'enforce' ? Math.max(state.retryAfterSeconds ?? 0, retryAfterOf(result?.errors) ?? 0) : 0;
          if (retryAfter > 0) response.http.headers.set('retry-after', String(retryAfter));
          // the penalty box is for the client's own limits (THROTTLED); OVERLOADED is the database's state and must not hold its writes
          const throttled =
            state.policy.mode === 'enforce' ? Math.max(state.retryAfterSeconds ?? 0, retryAfterOf(result?.errors, ErrorCode.THROTTLED) ?? 0) : 0;
          if (throttled > 0) deps.onRetryAfter?.(ctx.principal.clientId, throttled);
          const t = state.throttle ?? { ...bucket, available: bucket.maximum };
          const headers = rateLimitHeaders(t, state.policy.maxInFlight);
          response.http.headers.set('ratelimit-policy', headers.policy);
          response.http.headers.set('ratelimit', headers.state);
          if (result) {
            result.extensions = {
              ...result.extensions,
              cost: {
                requestedQueryCost: state.requested,
                actualQueryCost: actual,
                objectCost: objects,
                databaseMs,
                throttleStatus: { maximumAvailable: t.maximum, currentlyAvailable: state.throttle ? t.available : null, restoreRate: t.restorePerSecond },
              },
              governor: {
                ...deps.admissionState(state.policy),
                ...(state.wouldReject ? { mode: 'measure', wouldReject: state.wouldReject } : {}),
              },
            };
          }
        },
      };
    },
  };
}
