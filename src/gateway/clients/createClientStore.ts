import type { SecurityLogAppender } from '../../audit/SecurityLog.js';
import type { Stamp } from '../../audit/Stamp.js';
import type { Db } from '../../db/Db.js';
import type { SqlRunner } from '../../db/SqlRunner.js';
import type { ApiKeyParts } from '../../lib/apiKeyFormat.js';
import { secretMatches } from '../../lib/hashSecret.js';
import { readApiStatus, writeApiEnabled, writeClientStatus } from './clientStatus.js';
import { revokeKey, rotateKey } from './clientKeys.js';
import { insertClient } from './insertClient.js';
import { issueKey } from './issueKey.js';
import { selectClients } from './selectClients.js';
import type { ClientView, CreateClientInput, UpdateClientInput } from './types.js';
import { updateClient } from './updateClient.js';
import { deleteClient } from './deleteClient.js';

/**
 * The gw_client tables for the admin actions: every change in one transaction with its
 * security-log row (through `log`) and an identity-epoch bump (so every instance's poller reloads). It checks no
 * permission: the clients service and the kill switch do, before calling it.
 */
export function createClientStore(db: Db, runner: SqlRunner, log: SecurityLogAppender) {
  const k = db.admin;
  return {
    /** `now` is UTC 'YYYY-MM-DD HH:MM:SS' (keys past their expiry show as expired) */
    list: (now: string, includeDeleted = false) => selectClients(k, runner, now, undefined, includeDeleted),
    get: async (id: number, now: string): Promise<ClientView | undefined> => (await selectClients(k, runner, now, [id]))[0],
    async kindOf(id: number): Promise<string | undefined> {
      const rows = await runner.readInteractive('clients.kind', k.selectFrom('gw_client').select('kind').where('id', '=', id));
      return rows[0]?.kind;
    },
    create: (stamp: Stamp, input: CreateClientInput, fixedKey?: ApiKeyParts) => insertClient(runner, log, stamp, input, fixedKey),
    update: (stamp: Stamp, clientId: number, input: UpdateClientInput) => updateClient(runner, log, stamp, clientId, input),
    delete: (stamp: Stamp, clientId: number) => deleteClient(runner, log, stamp, clientId),
    setStatus: (stamp: Stamp, clientId: number, suspend: boolean, reason: string | null) => writeClientStatus(runner, log, stamp, clientId, suspend, reason),
    rotateKey: (stamp: Stamp, clientId: number, graceS: number) => rotateKey(runner, log, stamp, clientId, graceS),
    revokeKey: (stamp: Stamp, keyId: number) => revokeKey(runner, log, stamp, keyId),
    setApiEnabled: (stamp: Stamp, enabled: boolean, reason: string | null) => writeApiEnabled(runner, log, stamp, enabled, reason),
    issueKey: (stamp: Stamp, clientId: number, expiresAt: string | null) => issueKey(runner, log, stamp, clientId, expiresAt),
    apiStatus: () => readApiStatus(k, runner),
    /** true when the client has this key, unrevoked and unexpired at `now` (UTC 'YYYY-MM-DD HH:MM:SS'), and the secret matches */
    async keyIsLive(clientId: number, parts: ApiKeyParts, now: string): Promise<boolean> {
      const rows = await runner.readInteractive(
        'keys.live',
        k.selectFrom('gw_api_key').select(['secret_hash', 'expires_at', 'revoked_at']).where('client_id', '=', clientId).where('prefix', '=', parts.prefix),
      );
      const row = rows[0];
      return !!row && !row.revoked_at && (!row.expires_at || row.expires_at > now) && secretMatches(parts.secret, row.secret_hash);
    },
  };
}

export type ClientStore = ReturnType<typeof createClientStore>;
