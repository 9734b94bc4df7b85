import type { ApiKeyParts } from '../../lib/apiKeyFormat.js';
import type { SecurityLogAppender } from '../../audit/SecurityLog.js';
import type { Stamp } from '../../audit/Stamp.js';
import { entryStamp } from '../../audit/stampColumns.js';
import type { SqlRunner } from '../../db/SqlRunner.js';
import { bumpIdentityEpoch } from '../settings/writeSetting.js';
import { insertApiKey } from './insertApiKey.js';
import { requireClinics } from './requireClinics.js';
import { defaultClassOf, type CreateClientInput, type IssuedKey } from './types.js';

/**
 * One transaction: the client's own service user in userod (so its writes are never anonymous),
 * the gw_client row, its clinics, IPs, staff users and first key, and a securitylog row.
 */
export async function insertClient(
  runner: SqlRunner,
  log: SecurityLogAppender,
  stamp: Stamp,
  input: CreateClientInput,
  fixedKey?: ApiKeyParts,
): Promise<{ clientId: number; key: IssuedKey }> {
  const now = stamp.at;
  return runner.transaction('clients.create', async (trx) => {
    await requireClinics(trx, runner, input.clinicIds ?? []);
    const base = `svc_${input.name
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .slice(0, 40)}`;
    const taken = await runner.exec(trx, 'clients.create.userName', trx.selectFrom('userod').select('UserName').where('UserName', 'like', `${base}%`));
    const names = new Set(taken.rows.map((r) => r.UserName));
    let userName = base;
    for (let i = 2; names.has(userName); i++) userName = `${base}_${i}`;
    const user = await runner.exec(
      trx,
      'clients.create.serviceUser',
      trx.insertInto('userod').values({ UserName: userName, ProvNum: 0, ClinicNum: 0, IsHidden: 0, IsServiceUser: 1, ...entryStamp(stamp) }),
    );
    const serviceUserNum = Number(user.insertId);
    const created = await runner.exec(
      trx,
      'clients.create.client',
      trx.insertInto('gw_client').values({
        name: input.name.trim(),
        vendor: input.vendor?.trim() ?? '',
        kind: input.kind,
        class: input.class ?? defaultClassOf(input.kind),
        status: 'active',
        suspended_reason: null,
        scopes: [...new Set(input.scopes)].join(' '),
        mode: input.mode ?? 'enforce',
        trusted_only: input.trustedOnly ? 1 : 0,
        operation_log: input.operationLog ? 1 : 0,
        allow_introspection: input.allowIntrospection ? 1 : 0,
        may_act_for_staff: input.mayActForStaff ? 1 : 0,
        service_user_num: serviceUserNum,
        limits: input.limits && Object.keys(input.limits).length > 0 ? JSON.stringify(input.limits) : null,
        created_at: now,
        updated_at: now,
      }),
    );
    const clientId = Number(created.insertId);
    const clinics = [...new Set(input.clinicIds ?? [])];
    if (clinics.length > 0) {
      await runner.exec(
        trx,
        'clients.create.clinicRows',
        trx.insertInto('gw_client_clinic').values(clinics.map((c) => ({ client_id: clientId, clinic_num: c }))),
      );
    }
    const ips = [...new Set(input.ipAllowList ?? [])];
    if (ips.length > 0) {
      await runner.exec(trx, 'clients.create.ipRows', trx.insertInto('gw_client_ip').values(ips.map((cidr) => ({ client_id: clientId, cidr }))));
    }
    const staff = [...new Set(input.staffUserNums ?? [])];
    if (staff.length > 0) {
      await runner.exec(trx, 'clients.create.staffRows', trx.insertInto('gw_client_user').values(staff.map((u) => ({ client_id: clientId, user_num: u }))));
    }
    const key = await insertApiKey(trx, runner, clientId, now, input.keyExpiresAt ?? null, fixedKey);
    await bumpIdentityEpoch(trx, runner, now);
    await log.append(trx, runner, {
      stamp,
      permType: 'ClientCreate',
      fKey: clientId,
      logText: `Created integration client ${clientId} "${input.name.trim()}" (${input.kind}) with scopes ${input.scopes.join(' ')}; key ${key.prefix}`,
      changes: { scopes: [null, input.scopes.join(' ')], clinics: [null, clinics], ips: [null, ips] },
    });
    return { clientId, key };
  });
}
