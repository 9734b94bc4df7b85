import type { Kysely } from 'kysely';
import type { Database, GwApiKeyRow } from '../../db/tables.js';
import type { SqlRunner } from '../../db/SqlRunner.js';
import type { ApiKeyView, ClientView } from './types.js';

const keyStatus = (k: GwApiKeyRow, now: string): string =>
  k.revoked_at ? 'revoked' : k.expires_at && k.expires_at <= now ? 'expired' : 'active';

export const toKeyView = (k: GwApiKeyRow, now: string): ApiKeyView => ({
  id: Number(k.id),
  prefix: k.prefix,
  createdAt: k.created_at,
  expiresAt: k.expires_at,
  revokedAt: k.revoked_at,
  lastUsedAt: k.last_used_at,
  status: keyStatus(k, now),
});

/** Clients with their keys, clinics, IPs and staff users: five statements for any number of clients. */
export async function selectClients(db: Kysely<Database>, runner: SqlRunner, now: string, ids?: readonly number[]): Promise<ClientView[]> {
  if (ids && ids.length === 0) return [];
  const only = ids ?? [];
  const all = ids === undefined;
  const [clients, keys, clinics, ips, users] = await Promise.all([
    runner.readInteractive(
      'clients.list',
      db
        .selectFrom('gw_client as c')
        .leftJoin('userod as u', 'u.UserNum', 'c.service_user_num')
        .selectAll('c')
        .select('u.UserName')
        .$if(!all, (q) => q.where('c.id', 'in', only))
        .orderBy('c.id'),
    ),
    runner.readInteractive('clients.keys', db.selectFrom('gw_api_key').selectAll().$if(!all, (q) => q.where('client_id', 'in', only)).orderBy('id')),
    runner.readInteractive('clients.clinics', db.selectFrom('gw_client_clinic').selectAll().$if(!all, (q) => q.where('client_id', 'in', only)).orderBy('clinic_num')),
    runner.readInteractive('clients.ips', db.selectFrom('gw_client_ip').selectAll().$if(!all, (q) => q.where('client_id', 'in', only)).orderBy('cidr')),
    runner.readInteractive('clients.users', db.selectFrom('gw_client_user').selectAll().$if(!all, (q) => q.where('client_id', 'in', only)).orderBy('user_num')),
  ]);
  const keysBy = new Map<number, ApiKeyView[]>();
  for (const k of keys) keysBy.set(Number(k.client_id), [...(keysBy.get(Number(k.client_id)) ?? []), toKeyView(k, now)]);
  const clinicsBy = new Map<number, number[]>();
  for (const c of clinics) clinicsBy.set(Number(c.client_id), [...(clinicsBy.get(Number(c.client_id)) ?? []), Number(c.clinic_num)]);
  const ipsBy = new Map<number, string[]>();
  for (const i of ips) ipsBy.set(Number(i.client_id), [...(ipsBy.get(Number(i.client_id)) ?? []), i.cidr]);
  const usersBy = new Map<number, number[]>();
  for (const u of users) usersBy.set(Number(u.client_id), [...(usersBy.get(Number(u.client_id)) ?? []), Number(u.user_num)]);
  return clients.map((c) => {
    const id = Number(c.id);
    return {
      id,
      name: c.name,
      vendor: c.vendor,
      kind: c.kind,
      status: c.status,
      suspendedReason: c.suspended_reason,
      scopes: c.scopes.split(/[\s,]+/).filter((s) => s.length > 0),
      clinicIds: clinicsBy.get(id) ?? null,
      ipAllowList: ipsBy.get(id) ?? [],
      mode: c.mode,
      trustedOnly: Number(c.trusted_only) === 1,
      allowIntrospection: Number(c.allow_introspection) === 1,
      mayActForStaff: Number(c.may_act_for_staff) === 1,
      serviceUser: { userNum: Number(c.service_user_num), userName: c.UserName ?? '' },
      staffUserNums: usersBy.get(id) ?? [],
      createdAt: c.created_at,
      updatedAt: c.updated_at,
      keys: keysBy.get(id) ?? [],
    };
  });
}
