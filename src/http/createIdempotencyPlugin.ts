import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import { canonicalJson } from '../audit/canonicalJson.js';
import type { RequestContext } from '../context.js';
import type { IdempotencyStore } from '../gateway/idempotency/createIdempotencyStore.js';
import { DomainError, isDomainError } from '../lib/DomainError.js';
import { ErrorCode, httpStatusOf } from '../lib/ErrorCode.js';
import { domainErrorBody } from './renderError.js';

export interface IdempotencyPluginOptions {
  /** longest accepted Idempotency-Key; default 200 (the gw_idempotency column) */
  maxKeyLength?: number;
}

const errorResponse = (e: DomainError): GraphQLResponse => ({
  http: { status: httpStatusOf[e.code], headers: new HeaderMap() },
  body: { kind: 'single', singleResult: domainErrorBody(e) },
});

/**
 * `Idempotency-Key` on mutations: the first request with a key runs and its successful result is
 * stored per client with a hash of (operation + variables); a retry gets that result without
 * running again (header `Idempotent-Replayed: true`), a different request under the same key gets
 * IDEMPOTENCY_KEY_REUSED (422). The claim happens in responseForOperation, i.e. only after every
 * plugin's didResolveOperation (scopes, cost) accepted the request. A failed mutation wrote nothing,
 * so its claim is released and a retry runs again.
 */
export function createIdempotencyPlugin(store: IdempotencyStore, opts: IdempotencyPluginOptions = {}): ApolloServerPlugin<RequestContext> {
  const maxKeyLength = opts.maxKeyLength ?? 200;
  return {
    async requestDidStart() {
      let claimed: { clientId: number; key: string } | null = null;
      return {
        async responseForOperation(rc) {
          if (rc.operation?.operation !== 'mutation') return null;
          const key = rc.request.http?.headers.get('idempotency-key');
          if (key === undefined || key === '') return null;
          if (key.length > maxKeyLength || !/^[\x21-\x7e]+$/.test(key)) {
            return errorResponse(
              new DomainError(ErrorCode.BAD_USER_INPUT, `Idempotency-Key must be 1-${maxKeyLength} printable ASCII characters`, { field: 'Idempotency-Key' }),
            );
          }
          const clientId = rc.contextValue.principal.clientId;
          const hash = createHash('sha256')
            .update(`${rc.operationName ?? ''}\n${rc.source ?? ''}\n${canonicalJson(rc.request.variables ?? {})}`)
            .digest('hex');
          try {
            const claim = await store.claim(clientId, key, hash);
            if (claim.state === 'claimed') {
              claimed = { clientId, key };
              return null;
            }
            const headers = new HeaderMap([['idempotent-replayed', 'true']]);
            return { http: { status: undefined, headers }, body: { kind: 'single', singleResult: JSON.parse(claim.response) } };
          } catch (e) {
            if (isDomainError(e)) return errorResponse(e);
            throw e;
          }
        },
        async willSendResponse(rc) {
          if (!claimed) return;
          const { clientId, key } = claimed;
          claimed = null;
          const body = rc.response.body;
          if (body.kind === 'single' && !body.singleResult.errors?.length && body.singleResult.data) {
            await store.complete(clientId, key, JSON.stringify({ data: body.singleResult.data }));
          } else {
            await store.release(clientId, key);
          }
        },
      };
    },
  };
}
