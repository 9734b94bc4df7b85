import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import { canonicalJson } from '../audit/canonicalJson.js';
import type { RequestContext } from '../context.js';
import type { IdempotencyStore } from '../gateway/idempotency/IdempotencyStore.js';
import { badInput, isDomainError, type DomainError } from '../lib/DomainError.js';
import { httpStatusOf } from '../lib/ErrorCode.js';
import { domainErrorBody } from './renderError.js';
import { rootFieldNames } from './rootFieldNames.js';

export interface IdempotencyPluginOptions {
  /** the mutation fields whose write records its outcome (the domain writes); any other mutation refuses a key */
  replayable: ReadonlySet<string>;
  /** longest accepted Idempotency-Key; default 200 (the gw_idempotency column) */
  maxKeyLength?: number;
  /** where a lease that could not be given back is reported */
  log?: { warn(obj: unknown, msg?: string): void };
}

const errorResponse = (e: DomainError): GraphQLResponse => ({
  http: { status: httpStatusOf[e.code], headers: new HeaderMap() },
  body: { kind: 'single', singleResult: domainErrorBody(e) },
});
const field = 'Idempotency-Key';

/**
 * `Idempotency-Key` on mutations (docs/writes.md). Before execution, and only after every
 * plugin's didResolveOperation (scopes, cost) accepted the request, the key is claimed per client
 * with a hash of (operation + variables) and the claim is put on the request context: the write
 * service then records its outcome in its own transaction, or, when an earlier request under the
 * key committed, reads the payload back without writing (`Idempotent-Replayed: true`). A key
 * covers one replayable mutation field; secret-issuing and admin mutations refuse it, since their
 * answers are never stored.
 */
export function createIdempotencyPlugin(store: IdempotencyStore, opts: IdempotencyPluginOptions): ApolloServerPlugin<RequestContext> {
  const maxKeyLength = opts.maxKeyLength ?? 200;
  return {
    async requestDidStart() {
      return {
        async responseForOperation(rc) {
          if (rc.operation?.operation !== 'mutation') return null;
          const key = rc.request.http?.headers.get('idempotency-key');
          if (key === undefined || key === '') return null;
          if (key.length > maxKeyLength || !/^[\x21-\x7e]+$/.test(key)) {
            return errorResponse(badInput(`Idempotency-Key must be 1-${maxKeyLength} printable ASCII characters`, field));
          }
          const fields = rootFieldNames(rc.operation, rc.document).filter((name) => name !== '__typename');
          if (fields.length !== 1) {
            return errorResponse(badInput('An Idempotency-Key covers one mutation field: send each mutation in its own request', field));
          }
          if (!opts.replayable.has(fields[0]!)) {
            return errorResponse(
              badInput(
                `${fields[0]} does not take an Idempotency-Key: only the practice-data mutations are replayed, and no answer that issues a secret is ever stored`,
                field,
              ),
            );
          }
          const hash = createHash('sha256')
            .update(`${rc.operationName ?? ''}\n${rc.source ?? ''}\n${canonicalJson(rc.request.variables ?? {})}`)
            .digest('hex');
          try {
            rc.contextValue.writes.claim = await store.claim(rc.contextValue.principal.clientId, key, hash);
            return null;
          } catch (e) {
            if (isDomainError(e)) return errorResponse(e);
            throw e;
          }
        },
        async willSendResponse(rc) {
          const { writes } = rc.contextValue;
          if (writes.replayed) rc.response.http.headers.set('idempotent-replayed', 'true');
          const claim = writes.claim;
          if (claim?.state !== 'run') return;
          try {
            await store.release(claim, writes.committed !== null);
          } catch (err) {
            // the response stands: the lease ends with its expiry, or at once for this process's next retry
            opts.log?.warn({ err, requestId: rc.contextValue.requestId }, 'Idempotency-Key lease not given back');
          }
        },
      };
    },
  };
}
