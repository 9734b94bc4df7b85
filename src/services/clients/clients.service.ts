import type { ApiKeyParts } from '../../auth/apiKeyFormat.js';
import { toSqlDateTime } from '../../lib/dates.js';
import { DomainError, notFound } from '../../lib/DomainError.js';
import { ErrorCode } from '../../lib/ErrorCode.js';
import type { ClientsDeps } from './ClientsDeps.js';
import { selectClients } from './clients.queries.js';
import { createClient } from './createClient.js';
import { readApiStatus, setApiEnabled, setClientStatus } from './clientStatus.js';
import { revokeKey, rotateKey } from './clientKeys.js';
import { selectRequestLog } from './requestLog.queries.js';
import type { ClientView, CreateClientInput, RequestLogFilter } from './types.js';

/**
 * Integration clients, keys, the kill switches and the integration log: admin scope only
 * (checked here too, not just in the schema). The CLI calls it with systemPrincipal().
 */
export function createClientsService(deps: ClientsDeps) {
  const requireAdmin = () => {
    if (!deps.principal.scopes.has('admin')) {
      throw new DomainError(ErrorCode.FORBIDDEN, 'This needs the admin scope', { details: { missingScopes: ['admin'] } });
    }
  };
  const now = () => toSqlDateTime(deps.clock());
  const changed = async () => {
    await deps.afterChange?.();
  };
  const get = async (id: number): Promise<ClientView> => {
    const [client] = await selectClients(deps.db.interactive, deps.runner, now(), [id]);
    if (!client) throw notFound('Client', id);
    return client;
  };
  return {
    async list(): Promise<ClientView[]> {
      requireAdmin();
      return selectClients(deps.db.interactive, deps.runner, now());
    },
    async get(id: number): Promise<ClientView> {
      requireAdmin();
      return get(id);
    },
    /** The caller's own client (the `viewer` query): no admin scope needed. */
    async self(): Promise<ClientView | null> {
      const [client] = await selectClients(deps.db.interactive, deps.runner, now(), [deps.principal.clientId]);
      return client ?? null;
    },
    /** The caller's own kind (dashboard | dso | internal): one small read. */
    async selfKind(): Promise<string> {
      const rows = await deps.runner.readInteractive(
        'clients.selfKind',
        deps.db.interactive.selectFrom('gw_client').select('kind').where('id', '=', deps.principal.clientId),
      );
      return rows[0]?.kind ?? 'internal';
    },
    async create(input: CreateClientInput, fixedKey?: ApiKeyParts) {
      requireAdmin();
      const { clientId, key } = await createClient(deps, input, fixedKey);
      await changed();
      return { client: await get(clientId), key };
    },
    async suspend(id: number, reason: string) {
      requireAdmin();
      await setClientStatus(deps, id, true, reason);
      await changed();
      return get(id);
    },
    async resume(id: number) {
      requireAdmin();
      await setClientStatus(deps, id, false, null);
      await changed();
      return get(id);
    },
    async rotateKey(clientId: number, graceS?: number) {
      requireAdmin();
      const key = await rotateKey(deps, clientId, graceS);
      await changed();
      return { client: await get(clientId), key };
    },
    async revokeKey(keyId: number) {
      requireAdmin();
      const revoked = await revokeKey(deps, keyId);
      await changed();
      return { client: await get(revoked.clientId), key: revoked };
    },
    async setApiEnabled(enabled: boolean, reason: string | null) {
      requireAdmin();
      await setApiEnabled(deps, enabled, reason);
      await changed();
      return readApiStatus(deps);
    },
    async apiStatus() {
      requireAdmin();
      return readApiStatus(deps);
    },
    async integrationLog(filter: RequestLogFilter, first = 50, after?: string | null) {
      requireAdmin();
      return selectRequestLog(deps.db.interactive, deps.runner, filter, first, after);
    },
  };
}

export type ClientsService = ReturnType<typeof createClientsService>;
