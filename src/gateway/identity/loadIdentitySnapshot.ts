import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables.js';
import type { SqlRunner } from '../../db/SqlRunner.js';
import type { ClientState, IdentitySnapshot, KeyState } from './IdentitySnapshot.js';
import { createIpAllowList } from '../../lib/ipAllowList.js';
import { SETTING_API_DISABLED_REASON, SETTING_API_ENABLED, SETTING_IDENTITY_EPOCH } from '../settings/settingNames.js';
import { fromSqlDateTime, toSqlDateTime } from '../../lib/dates.js';
import { parseStoredLimits } from '../clients/parseStoredLimits.js';

/** Splits gw_client.scopes ('a b', tolerating commas) into a set. */
const parseScopes = (text: string): Set<string> => new Set(text.split(/[\s,]+/).filter((s) => s.length > 0));

/**
 * Reads every client, live key, clinic and IP restriction, the API switch and the revoked tokens:
 * six small statements. Integrations per practice number in the tens, so a full reload on any
 * change is cheaper and simpler than patching the cache.
 */
export async function loadIdentitySnapshot(db: Kysely<Database>, runner: SqlRunner, now: Date): Promise<IdentitySnapshot> {
  const [clients, keys, clinics, ips, settings, revoked] = await Promise.all([
    runner.readInteractive(
      'auth.snapshot.clients',
      db
        .selectFrom('gw_client as c')
        .leftJoin('userod as u', 'u.UserNum', 'c.service_user_num')
        .select([
          'c.id',
          'c.name',
          'c.kind',
          'c.class',
          'c.status',
          'c.suspended_reason',
          'c.scopes',
          'c.may_act_for_staff',
          'c.service_user_num',
          'u.UserName',
          'c.mode',
          'c.trusted_only',
          'c.allow_introspection',
          'c.limits',
          'c.operation_log',
        ]),
    ),
    runner.readInteractive(
      'auth.snapshot.keys',
      db.selectFrom('gw_api_key').select(['id', 'client_id', 'prefix', 'secret_hash', 'expires_at', 'revoked_at']).where('revoked_at', 'is', null),
    ),
    runner.readInteractive('auth.snapshot.clinics', db.selectFrom('gw_client_clinic').select(['client_id', 'clinic_num'])),
    runner.readInteractive('auth.snapshot.ips', db.selectFrom('gw_client_ip').select(['client_id', 'cidr'])),
    runner.readInteractive('auth.snapshot.settings', db.selectFrom('gw_setting').select(['name', 'value'])),
    runner.readInteractive(
      'auth.snapshot.revokedTokens',
      db.selectFrom('gw_revoked_token').select(['jti', 'expires_at']).where('expires_at', '>', toSqlDateTime(now)),
    ),
  ]);

  const clinicsByClient = new Map<number, Set<number>>();
  for (const r of clinics) {
    const set = clinicsByClient.get(Number(r.client_id)) ?? new Set<number>();
    set.add(Number(r.clinic_num));
    clinicsByClient.set(Number(r.client_id), set);
  }
  const ipsByClient = new Map<number, string[]>();
  for (const r of ips) ipsByClient.set(Number(r.client_id), [...(ipsByClient.get(Number(r.client_id)) ?? []), r.cidr]);

  const clientMap = new Map<number, ClientState>();
  for (const c of clients) {
    const id = Number(c.id);
    clientMap.set(id, {
      id,
      name: c.name,
      kind: c.kind,
      class: c.class,
      status: c.status,
      suspendedReason: c.suspended_reason,
      scopes: parseScopes(c.scopes),
      clinicIds: clinicsByClient.get(id) ?? null,
      ipAllowList: safeAllowList(ipsByClient.get(id) ?? []),
      mayActForStaff: Number(c.may_act_for_staff) === 1,
      serviceUser: { userNum: Number(c.service_user_num), userName: c.UserName ?? `client-${id}` },
      mode: c.mode,
      trustedOnly: Number(c.trusted_only) === 1,
      allowIntrospection: Number(c.allow_introspection) === 1,
      limits: parseStoredLimits(c.limits),
      operationLog: Number(c.operation_log) === 1,
    });
  }

  const keysByPrefix = new Map<string, KeyState>();
  const keysById = new Map<number, KeyState>();
  for (const k of keys) {
    const key: KeyState = {
      id: Number(k.id),
      clientId: Number(k.client_id),
      prefix: k.prefix,
      secretHash: k.secret_hash,
      expiresAt: k.expires_at ? fromSqlDateTime(k.expires_at) : null,
      revokedAt: k.revoked_at ? fromSqlDateTime(k.revoked_at) : null,
    };
    keysByPrefix.set(key.prefix, key);
    keysById.set(key.id, key);
  }

  const setting = new Map(settings.map((s) => [s.name, s.value]));
  const enabled = setting.get(SETTING_API_ENABLED);
  return {
    clients: clientMap,
    keysByPrefix,
    keysById,
    apiEnabled: enabled === undefined || enabled === '1' || enabled === 'true',
    apiDisabledReason: setting.get(SETTING_API_DISABLED_REASON) || null,
    revokedTokens: new Map(revoked.map((r) => [r.jti, fromSqlDateTime(r.expires_at)])),
    identityEpoch: setting.get(SETTING_IDENTITY_EPOCH) ?? '',
  };
}

/** A malformed CIDR in the table must deny everything for that client, never allow everything. */
function safeAllowList(cidrs: string[]) {
  try {
    return createIpAllowList(cidrs);
  } catch {
    return { allows: () => false };
  }
}
