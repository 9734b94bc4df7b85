import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Principal } from '../auth/Principal.js';
import { DomainError } from '../lib/DomainError.js';
import { ErrorCode } from '../lib/ErrorCode.js';
import type { CertificationCheck } from './certification/createCertificationCheck.js';
import type { BudgetStore, BucketState } from './budget/BudgetStore.js';
import type { ClientPolicy } from './ClientPolicy.js';
import { countActualCost } from './countActualCost.js';
import { countTokens } from './analysis/countTokens.js';
import { tooComplex } from './analysis/tooComplex.js';
import type { createOperationAnalyzer } from './createOperationAnalyzer.js';
import type { createInFlightLimiter } from './createInFlightLimiter.js';
import type { createGovernorMetrics } from './createGovernorMetrics.js';
import { selectsIntrospection } from './selectsIntrospection.js';

export interface GovernorPluginDeps {
  policyFor(clientId: number): ClientPolicy;
  analyze: ReturnType<typeof createOperationAnalyzer>;
  budgets: BudgetStore;
  inFlight: ReturnType<typeof createInFlightLimiter>;
  metrics?: ReturnType<typeof createGovernorMetrics>;
  /** the client's rollout: refuses (enforce) or keeps (log) operations not registered for it; names the operation's hash */
  certify: CertificationCheck;
}

/** Per-request bookkeeping: nothing of one request leaks into another. */
interface RequestState {
  policy: ClientPolicy;
  started: number;
  acquired: boolean;
  requested: number;
  debited: number;
  isMutation: boolean;
  throttle?: BucketState;
  retryAfterSeconds?: number;
  /** measure mode: what enforce mode would have answered */
  wouldReject?: { code: ErrorCode; message: string };
}

/**
 * The governor as one Apollo plugin. Cheap checks first, all in didResolveOperation (per request,
 * with its variables; Apollo caches validation per document): in-flight slot, certification,
 * introspection grant, structural limits and static cost, then the budget debit. After execution
 * the actual cost is measured, the difference refunded and `extensions.cost` added.
 */
/** What the governor reads and writes on the request context (its figures go to `stats.cost` for the integration log). */
export interface GovernedContext extends BaseContext {
  principal: Principal;
  requestId: string;
  stats: { cost: { requested: number; actual: number } | null; operationHash: string | null };
}

export function createGovernorPlugin<C extends GovernedContext>(deps: GovernorPluginDeps): ApolloServerPlugin<C> {
  return {
    async requestDidStart({ contextValue }) {
      const clientKey = String(contextValue.principal.clientId);
      const state: RequestState = {
        policy: deps.policyFor(contextValue.principal.clientId),
        started: performance.now(),
        acquired: false,
        requested: 0,
        debited: 0,
        isMutation: false,
      };
      deps.metrics?.requestStarted(clientKey);

      /** enforce: throw; measure: remember and go on */
      const reject = (error: DomainError) => {
        deps.metrics?.rejected(clientKey, error.code);
        if (state.policy.mode === 'enforce') throw error;
        state.wouldReject ??= { code: error.code, message: error.message };
      };

      return {
        async didResolveOperation({ request, document, operation }) {
          if (!operation) return;
          const { policy } = state;
          // the introspection grant is an access rule, so it holds even with the guards switched off
          if (!policy.allowIntrospection && selectsIntrospection(document, operation)) {
            deps.metrics?.rejected(clientKey, ErrorCode.FORBIDDEN);
            throw new DomainError(ErrorCode.FORBIDDEN, 'Introspection is not granted to this client');
          }
          if (!policy.enabled) return;
          const clientId = contextValue.principal.clientId;
          state.isMutation = operation.operation === 'mutation';

          // per-client structural limits tighter than the global ones the edge and the parser already applied
          const bodyBytes = Number(request.http?.headers.get('content-length') ?? 0);
          if (policy.maxBodyBytes !== undefined && bodyBytes > policy.maxBodyBytes) {
            reject(tooComplex('bodySize', bodyBytes, policy.maxBodyBytes, 'Request body bytes'));
          }
          if (policy.maxTokens !== undefined && request.query) {
            const tokens = countTokens(request.query, policy.maxTokens);
            if (tokens > policy.maxTokens) reject(tooComplex('tokens', tokens, policy.maxTokens, 'Document tokens'));
          }

          if (!deps.inFlight.tryAcquire(clientKey, policy.maxInFlight)) {
            state.retryAfterSeconds = 1;
            reject(
              new DomainError(ErrorCode.THROTTLED, `Too many requests in flight for this client (maximum ${policy.maxInFlight})`, {
                details: { limit: 'inFlight', maximum: policy.maxInFlight },
              }),
            );
          } else state.acquired = true;

          // the canonical print of the chosen operation, so whitespace and sibling operations do not matter
          const certification = await deps.certify(clientId, document, operation);
          contextValue.stats.operationHash = certification.hash;
          if (certification.refusal) reject(certification.refusal);

          try {
            state.requested = deps.analyze({ document, operationName: request.operationName, variables: request.variables ?? {}, limits: policy.limits }).cost;
          } catch (error) {
            if (error instanceof DomainError) reject(error);
            else throw error;
          }

          const take = await deps.budgets.take(clientKey, state.requested, policy.budget);
          state.throttle = take;
          if (take.ok) state.debited = state.requested;
          else {
            state.retryAfterSeconds = Math.max(1, Math.ceil(take.retryAfterSeconds));
            reject(
              new DomainError(ErrorCode.THROTTLED, 'The cost budget of this client is exhausted; retry later', {
                details: {
                  requestedQueryCost: state.requested,
                  retryAfterSeconds: state.retryAfterSeconds,
                  throttleStatus: { maximumAvailable: take.maximum, currentlyAvailable: take.available, restoreRate: take.restorePerSecond },
                },
              }),
            );
          }
        },

        async willSendResponse({ response, contextValue: ctx }) {
          if (state.acquired) {
            deps.inFlight.release(clientKey);
            state.acquired = false;
          }
          deps.metrics?.requestFinished(clientKey, (performance.now() - state.started) / 1000);
          if (!state.policy.enabled) return;
          const body = response.body;
          const data = body.kind === 'single' ? body.singleResult.data : undefined;
          const actual = Math.min(state.requested, countActualCost(data, state.isMutation));
          if (state.debited > actual) {
            state.throttle = await deps.budgets.refund(clientKey, state.debited - actual, state.policy.budget);
          }
          deps.metrics?.cost(clientKey, state.requested, actual);
          ctx.stats.cost = { requested: state.requested, actual };
          if (state.retryAfterSeconds !== undefined && state.policy.mode === 'enforce') {
            response.http.headers.set('retry-after', String(state.retryAfterSeconds));
          }
          if (body.kind === 'single') {
            const t = state.throttle;
            body.singleResult.extensions = {
              ...body.singleResult.extensions,
              cost: {
                requestedQueryCost: state.requested,
                actualQueryCost: actual,
                throttleStatus: t
                  ? { maximumAvailable: t.maximum, currentlyAvailable: t.available, restoreRate: t.restorePerSecond }
                  : { maximumAvailable: state.policy.budget.maximum, currentlyAvailable: null, restoreRate: state.policy.budget.restorePerSecond },
              },
              ...(state.wouldReject ? { governor: { mode: 'measure', wouldReject: state.wouldReject } } : {}),
            };
          }
        },
      };
    },
  };
}
