import type { Kysely } from 'kysely';
import type { GwApiKeyRow } from '../../db/gatewayTables.js';
import type { Database } from '../../db/tables.js';
import type { SqlRunner } from '../../db/SqlRunner.js';
import { sqlDateTimeToIso } from '../../lib/dates.js';
import { parseStoredLimits } from './parseStoredLimits.js';
import type { ApiKeyView, ClientView } from './types.js';

const iso = (v: string | null): string | null => (v ? sqlDateTimeToIso(v) : null);

const keyStatus = (k: GwApiKeyRow, now: string): string => (k.revoked_at ? 'revoked' : k.expires_at && k.expires_at <= now ? 'expired' : 'active');

const toKeyView = (k: GwApiKeyRow, now: string): ApiKeyView => ({
  id: Number(k.id),
  prefix: k.prefix,
  createdAt: sqlDateTimeToIso(k.created_at),
  expiresAt: iso(k.expires_at),
  revokedAt: iso(k.revoked_at),
  lastUsedAt: iso(k.last_used_at),
  status: keyStatus(k, now),
});

const groupBy = <R, V>(rows: readonly R[], key: (r: R) => number, value: (r: R) => V): Map<number, V[]> => {
  const out = new Map<number, V[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(value(r));
    else out.set(k, [value(r)]);
  }
  return out;
};

/**
 * Clients with their keys, clinics, IPs and staff users: five statements for any number of
 * clients. `now` is UTC 'YYYY-MM-DD HH:MM:SS'. Deleted clients only by id or with `includeDeleted`.
 */
export async function selectClients(
  db: Kysely<Database>,
  runner: SqlRunner,
  now: string,
  ids?: readonly number[],
  includeDeleted = false,
): Promise<ClientView[]> {
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
        .$if(all && !includeDeleted, (q) => q.where('c.status', '<>', 'deleted'))
        .orderBy('c.id'),
    ),
    runner.readInteractive(
      'clients.keys',
      db
        .selectFrom('gw_api_key')
        .selectAll()
        .$if(!all, (q) => q.where('client_id', 'in', only))
        .orderBy('id'),
    ),
    runner.readInteractive(
      'clients.clinics',
      db
        .selectFrom('gw_client_clinic')
        .selectAll()
        .$if(!all, (q) => q.where('client_id', 'in', only))
        .orderBy('clinic_num'),
    ),
    runner.readInteractive(
      'clients.ips',
      db
        .selectFrom('gw_client_ip')
        .selectAll()
        .$if(!all, (q) => q.where('client_id', 'in', only))
        .orderBy('cidr'),
    ),
    runner.readInteractive(
      'clients.users',
      db
        .selectFrom('gw_client_user')
        .selectAll()
        .$if(!all, (q) => q.where('client_id', 'in', only))
        .orderBy('user_num'),
    ),
  ]);
  const keysBy = groupBy(
    keys,
    (k) => Number(k.client_id),
    (k) => toKeyView(k, now),
  );
  const clinicsBy = groupBy(
    clinics,
    (c) => Number(c.client_id),
    (c) => Number(c.clinic_num),
  );
  const ipsBy = groupBy(
    ips,
    (i) => Number(i.client_id),
    (i) => i.cidr,
  );
  const usersBy = groupBy(
    users,
    (u) => Number(u.client_id),
    (u) => Number(u.user_num),
  );
  return clients.map((c) => {
    const id = Number(c.id);
    return {
      id,
      name: c.name,
      vendor: c.vendor,
      kind: c.kind,
      class: c.class,
      status: c.status,
      suspendedReason: c.suspended_reason,
      scopes: c.scopes.split(/[\s,]+/).filter((s) => s.length > 0),
      clinicIds: clinicsBy.get(id) ?? null,
      ipAllowList: ipsBy.get(id) ?? [],
      mode: c.mode,
      trustedOnly: Number(c.trusted_only) === 1,
      operationLog: Number(c.operation_log) === 1,
      allowIntrospection: Number(c.allow_introspection) === 1,
      mayActForStaff: Number(c.may_act_for_staff) === 1,
      serviceUser: { userNum: Number(c.service_user_num), userName: c.UserName ?? '' },
      staffUserNums: usersBy.get(id) ?? [],
      ownLimits: parseStoredLimits(c.limits),
      createdAt: sqlDateTimeToIso(c.created_at),
      updatedAt: sqlDateTimeToIso(c.updated_at),
      deletedAt: iso(c.deleted_at),
      keys: keysBy.get(id) ?? [],
    };
  });
}
