import type { ApiKeyParts } from '../../lib/apiKeyFormat.js';
import { parseIsoDateTime, toSqlDateTime } from '../../lib/dates.js';
import { badInput, notFound } from '../../lib/DomainError.js';
import { effectiveClientLimits } from '../../config/effectiveClientLimits.js';
import type { ClientView as StoredClientView } from '../../gateway/clients/types.js';
import { requireScope } from '../requireScope.js';
import type { ServiceDeps } from '../ServiceDeps.js';
import type { AdminDeps } from './ClientsDeps.js';
import { rolloutOf, rolloutSwitches } from './rollout.js';
import type { ClientView, CreateClientRequest, RequestLogFilter, UpdateClientRequest } from './types.js';
import { validateClientFields, validateClientInput } from './validateClientInput.js';

/**
 * Integration clients, keys, the kill switches and the integration log: admin scope only,
 * checked here before any statement. The CLI calls it with systemPrincipal().
 */
export function createClientsService(deps: ServiceDeps & AdminDeps) {
  const store = deps.gateway.clients(deps.runner, deps.securityLog);
  const now = () => toSqlDateTime(deps.clock());
  // reads need admin:read (which admin implies); every write below needs admin itself
  const reader = () => requireScope(deps.principal, 'admin:read');
  const changed = async () => {
    await deps.afterChange?.();
  };
  const defaults = deps.limitDefaults;
  const view = ({ ownLimits, ...client }: StoredClientView): ClientView => ({
    ...client,
    rollout: rolloutOf(client),
    limits: { own: ownLimits, defaults, effective: effectiveClientLimits(defaults, ownLimits) },
  });
  const get = async (id: number): Promise<ClientView> => {
    const client = await store.get(id, now());
    if (!client) throw notFound('Client', id);
    return view(client);
  };
  return {
    /** every client; deleted ones only with includeDeleted */
    async list(opts: { includeDeleted?: boolean } = {}): Promise<ClientView[]> {
      reader();
      return (await store.list(now(), opts.includeDeleted ?? false)).map(view);
    },
    async get(id: number): Promise<ClientView> {
      reader();
      return get(id);
    },
    /** The caller's own client (the `viewer` query): no admin scope needed. */
    async self(): Promise<ClientView | null> {
      const client = await store.get(deps.principal.clientId, now());
      return client ? view(client) : null;
    },
    /** The caller's own kind (dashboard | dso | internal): one small read. */
    async selfKind(): Promise<string> {
      return (await store.kindOf(deps.principal.clientId)) ?? 'internal';
    },
    async create({ rollout, ...fields }: CreateClientRequest, fixedKey?: ApiKeyParts) {
      const stamp = deps.authorizeWrite('admin');
      const input = { ...fields, ...rolloutSwitches(rollout, fields.trustedOnly) };
      validateClientInput(input, { reportingPoolSize: deps.reportingPoolSize });
      const { clientId, key } = await store.create(stamp, input, fixedKey);
      await changed();
      return { client: await get(clientId), key };
    },
    /** Changes only the fields given, validated by the rules of create; every change is in the security log with before and after. */
    async update(id: number, { rollout, ...fields }: UpdateClientRequest) {
      const stamp = deps.authorizeWrite('admin');
      const input = { ...fields, ...rolloutSwitches(rollout, fields.trustedOnly) };
      validateClientFields(input, { reportingPoolSize: deps.reportingPoolSize });
      const changedFields = await store.update(stamp, id, input);
      if (changedFields.length > 0) await changed();
      return { client: await get(id), changedFields };
    },
    /** Revokes every key and marks the client deleted (its rows stay for the audit); its running statements end. */
    async delete(id: number) {
      const stamp = deps.authorizeWrite('admin');
      const { revokedKeyIds, deletedAt } = await store.delete(stamp, id);
      await deps.killSwitch.killClient(id);
      await changed();
      return { client: await get(id), revokedKeyIds, deletedAt };
    },
    /** The stamp of an admin change another module owns (certified operations): FORBIDDEN without the admin scope. */
    authorizeAdmin() {
      return deps.authorizeWrite('admin');
    },
    async suspend(id: number, reason: string) {
      const stamp = deps.authorizeWrite('admin');
      const { ended } = await deps.killSwitch.suspend(store, stamp, id, reason);
      // this instance refuses the client already (the kill switch patched its cache): the full reload
      // follows in the background, so the switch answers fast even while the database is busy
      void changed().catch(() => undefined); // a failed reload is retried by the next poll
      // the answer is read while the client's statements are being killed, and waits for both
      const [client] = await Promise.all([get(id), ended]);
      return client;
    },
    async resume(id: number) {
      const stamp = deps.authorizeWrite('admin');
      await deps.killSwitch.resume(store, stamp, id);
      await changed();
      return get(id);
    },
    async rotateKey(clientId: number, graceS?: number) {
      const stamp = deps.authorizeWrite('admin');
      const grace = graceS ?? deps.keyRotationGraceS;
      if (!Number.isInteger(grace) || grace < 0 || grace > 90 * 86_400)
        throw badInput('the grace period is 0 to 7776000 seconds (90 days)', 'input.graceSeconds');
      const key = await store.rotateKey(stamp, clientId, grace);
      await changed();
      return { client: await get(clientId), key };
    },
    /** One more key, the client's others untouched; `expiresAt` ISO 8601 with offset, in the future, or null (never). */
    async issueKey(clientId: number, expiresAt: string | null) {
      const stamp = deps.authorizeWrite('admin');
      let expires: string | null = null;
      if (expiresAt != null) {
        const at = parseIsoDateTime(expiresAt);
        if (!at) throw badInput('expiresAt must be an ISO 8601 date-time with offset', 'input.expiresAt');
        if (at.getTime() <= deps.clock().getTime()) throw badInput('expiresAt must be in the future', 'input.expiresAt');
        expires = toSqlDateTime(at);
      }
      const key = await store.issueKey(stamp, clientId, expires);
      await changed();
      return { client: await get(clientId), key };
    },
    async revokeKey(keyId: number) {
      const stamp = deps.authorizeWrite('admin');
      const revoked = await store.revokeKey(stamp, keyId);
      await changed();
      return { client: await get(revoked.clientId), key: revoked };
    },
    async setApiEnabled(enabled: boolean, reason: string | null) {
      const stamp = deps.authorizeWrite('admin');
      await deps.killSwitch.setApiEnabled(store, stamp, enabled, reason);
      await changed();
      return store.apiStatus();
    },
    async apiStatus() {
      reader();
      return store.apiStatus();
    },
    /** the demo's remembered keys: is this one still usable for the client? */
    async keyIsLive(clientId: number, parts: ApiKeyParts): Promise<boolean> {
      requireScope(deps.principal, 'admin');
      return store.keyIsLive(clientId, parts, now());
    },
    async integrationLog(filter: RequestLogFilter, first = 50, after?: string | null) {
      reader();
      return deps.gateway.requestLog.list(filter, first, after);
    },
  };
}

export type ClientsService = ReturnType<typeof createClientsService>;
