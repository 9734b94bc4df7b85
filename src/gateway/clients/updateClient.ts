import type { Transaction, Updateable } from 'kysely';
import type { SecurityLogAppender } from '../../audit/SecurityLog.js';
import type { Stamp } from '../../audit/Stamp.js';
import type { SqlRunner } from '../../db/SqlRunner.js';
import type { GwClientTable } from '../../db/gatewayTables.js';
import type { Database } from '../../db/tables.js';
import { notFound } from '../../lib/DomainError.js';
import { bumpIdentityEpoch } from '../settings/writeSetting.js';
import { parseStoredLimits } from './parseStoredLimits.js';
import { requireClinics } from './requireClinics.js';
import type { UpdateClientInput } from './types.js';

type Change = readonly [unknown, unknown];
const sorted = <T extends string | number>(values: Iterable<T>): T[] => [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const sameList = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** Replaces one of the client's id/CIDR lists (gw_client_clinic, gw_client_ip, gw_client_user). */
async function replaceRows(
  trx: Transaction<Database>,
  runner: SqlRunner,
  table: 'gw_client_clinic' | 'gw_client_ip' | 'gw_client_user',
  clientId: number,
  rows: readonly Record<string, number | string>[],
): Promise<void> {
  await runner.exec(trx, `clients.update.${table}.clear`, trx.deleteFrom(table).where('client_id', '=', clientId));
  if (rows.length === 0) return;
  await runner.exec(trx, `clients.update.${table}.insert`, trx.insertInto(table).values(rows.map((r) => ({ client_id: clientId, ...r })) as never));
}

/**
 * One transaction: the fields given (and only those) change, the lists are replaced when they
 * differ, and a securitylog row records every changed field as [before, after]; then the identity
 * epoch moves so every instance reloads. A change that changes nothing writes nothing.
 * Returns the names of the changed fields.
 */
export async function updateClient(runner: SqlRunner, log: SecurityLogAppender, stamp: Stamp, clientId: number, input: UpdateClientInput): Promise<string[]> {
  const now = stamp.at;
  return runner.transaction('clients.update', async (trx) => {
    const row = (await runner.exec(trx, 'clients.update.read', trx.selectFrom('gw_client').selectAll().where('id', '=', clientId))).rows[0];
    if (!row || row.status === 'deleted') throw notFound('Client', clientId);
    const [clinicRows, ipRows, userRows] = await Promise.all([
      runner.exec(trx, 'clients.update.clinics', trx.selectFrom('gw_client_clinic').select('clinic_num').where('client_id', '=', clientId)),
      runner.exec(trx, 'clients.update.ips', trx.selectFrom('gw_client_ip').select('cidr').where('client_id', '=', clientId)),
      runner.exec(trx, 'clients.update.users', trx.selectFrom('gw_client_user').select('user_num').where('client_id', '=', clientId)),
    ]);
    const changes: Record<string, Change> = {};
    const set: Updateable<GwClientTable> = {};
    const column = <K extends keyof GwClientTable & string>(field: string, key: K, before: unknown, after: unknown, stored: Updateable<GwClientTable>[K]) => {
      if (after === undefined || after === before) return;
      changes[field] = [before, after];
      set[key] = stored;
    };
    const flag = (v: boolean | undefined) => (v === undefined ? undefined : v ? 1 : 0);
    const name = input.name?.trim();
    column('name', 'name', row.name, name, name);
    column('vendor', 'vendor', row.vendor, input.vendor, input.vendor);
    column('kind', 'kind', row.kind, input.kind, input.kind);
    column('class', 'class', row.class, input.class, input.class);
    column('mode', 'mode', row.mode, input.mode, input.mode);
    const scopes = input.scopes ? [...new Set(input.scopes)].join(' ') : undefined;
    column('scopes', 'scopes', row.scopes, scopes, scopes);
    column('trustedOnly', 'trusted_only', Number(row.trusted_only) === 1, input.trustedOnly, flag(input.trustedOnly));
    column('operationLog', 'operation_log', Number(row.operation_log) === 1, input.operationLog, flag(input.operationLog));
    column('allowIntrospection', 'allow_introspection', Number(row.allow_introspection) === 1, input.allowIntrospection, flag(input.allowIntrospection));
    column('mayActForStaff', 'may_act_for_staff', Number(row.may_act_for_staff) === 1, input.mayActForStaff, flag(input.mayActForStaff));
    if (input.limits !== undefined) {
      const before = parseStoredLimits(row.limits);
      const after = input.limits && Object.keys(input.limits).length > 0 ? input.limits : null;
      if (JSON.stringify(before) !== JSON.stringify(after)) {
        changes.limits = [before, after];
        set.limits = after ? JSON.stringify(after) : null;
      }
    }

    if (input.clinicIds !== undefined) {
      const before = sorted(clinicRows.rows.map((r) => Number(r.clinic_num)));
      const after = sorted(input.clinicIds ?? []);
      if (!sameList(before, after)) {
        await requireClinics(trx, runner, after);
        await replaceRows(
          trx,
          runner,
          'gw_client_clinic',
          clientId,
          after.map((c) => ({ clinic_num: c })),
        );
        // an empty list is "every clinic"
        changes.clinicIds = [before.length ? before : null, after.length ? after : null];
      }
    }
    if (input.ipAllowList !== undefined) {
      const before = sorted(ipRows.rows.map((r) => r.cidr));
      const after = sorted(input.ipAllowList);
      if (!sameList(before, after)) {
        await replaceRows(
          trx,
          runner,
          'gw_client_ip',
          clientId,
          after.map((cidr) => ({ cidr })),
        );
        changes.ipAllowList = [before, after];
      }
    }
    if (input.staffUserNums !== undefined) {
      const before = sorted(userRows.rows.map((r) => Number(r.user_num)));
      const after = sorted(input.staffUserNums);
      if (!sameList(before, after)) {
        await replaceRows(
          trx,
          runner,
          'gw_client_user',
          clientId,
          after.map((u) => ({ user_num: u })),
        );
        changes.staffUserIds = [before, after];
      }
    }

    const changed = Object.keys(changes);
    if (changed.length === 0) return changed;
    await runner.exec(
      trx,
      'clients.update.write',
      trx
        .updateTable('gw_client')
        .set({ ...set, updated_at: now })
        .where('id', '=', clientId),
    );
    await bumpIdentityEpoch(trx, runner, now);
    await log.append(trx, runner, {
      stamp,
      permType: 'ClientUpdate',
      fKey: clientId,
      logText: `Updated integration client ${clientId} "${name ?? row.name}": ${changed.join(', ')}`,
      changes,
    });
    return changed;
  });
}
