import type { Kysely } from 'kysely';
import type { SqlRunner } from '../../db/SqlRunner.js';
import type { Database } from '../../db/tables.js';
import { fromSqlDateTime } from '../../lib/dates.js';
import { toEndpointView } from './mapEventRows.js';
import type { DispatchEndpoint } from './types.js';

const parseScopes = (text: string): Set<string> => new Set(text.split(/[\s,]+/).filter((s) => s.length > 0));

/**
 * Active endpoints with their subscribers (scopes, clinics, service user) and the secrets that
 * sign at `nowMs`: two small statements per dispatcher tick (endpoints number in the tens).
 */
export async function selectDispatchEndpoints(k: Kysely<Database>, runner: SqlRunner, nowMs: number): Promise<DispatchEndpoint[]> {
  const rows = await runner.readInteractive(
    'webhooks.dispatch.endpoints',
    k
      .selectFrom('gw_webhook_endpoint as e')
      .innerJoin('gw_client as c', 'c.id', 'e.client_id')
      .leftJoin('userod as u', 'u.UserNum', 'c.service_user_num')
      .selectAll('e')
      .select(['c.name as client_name', 'c.status as client_status', 'c.scopes as client_scopes', 'c.service_user_num', 'u.UserName as user_name'])
      .where('e.status', '=', 'active')
      .orderBy('e.id'),
  );
  if (rows.length === 0) return [];
  const clientIds = [...new Set(rows.map((r) => Number(r.client_id)))];
  const clinics = await runner.readInteractive(
    'webhooks.dispatch.clinics',
    k.selectFrom('gw_client_clinic').select(['client_id', 'clinic_num']).where('client_id', 'in', clientIds),
  );
  const clinicsOf = new Map<number, Set<number>>();
  for (const c of clinics) {
    const set = clinicsOf.get(Number(c.client_id)) ?? new Set<number>();
    set.add(Number(c.clinic_num));
    clinicsOf.set(Number(c.client_id), set);
  }
  return rows.map((r) => {
    const clientId = Number(r.client_id);
    const previousLive = r.previous_secret !== null && r.previous_secret_expires_at !== null && fromSqlDateTime(r.previous_secret_expires_at) > nowMs;
    return {
      ...toEndpointView(r),
      secrets: previousLive ? [r.secret, r.previous_secret!] : [r.secret],
      lastEventId: Number(r.last_event_id),
      client: {
        id: clientId,
        name: r.client_name,
        status: r.client_status,
        scopes: parseScopes(r.client_scopes),
        clinicIds: clinicsOf.get(clientId) ?? null,
        serviceUser: { userNum: Number(r.service_user_num), userName: r.user_name ?? `client-${clientId}` },
      },
    };
  });
}
