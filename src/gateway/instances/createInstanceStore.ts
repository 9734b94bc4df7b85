import { maxLength } from '../../db/columnLengths.js';
import type { Db } from '../../db/Db.js';
import type { SqlRunner } from '../../db/SqlRunner.js';
import { sqlDateTimeToIso } from '../../lib/dates.js';
import { SETTING_IDENTITY_EPOCH } from '../settings/settingNames.js';

/** What one chartgate process reports about itself; times are UTC 'YYYY-MM-DD HH:MM:SS'. */
export interface InstanceReport {
  id: string;
  host: string;
  pid: number;
  startedAt: string;
  /** the identity epoch of the snapshot it enforces */
  identityEpoch: string;
  epochLoadedAt: string;
  seenAt: string;
}

/** An instance as the console shows it (ISO 8601 UTC). */
export interface InstanceView {
  readonly id: string;
  readonly host: string;
  readonly pid: number;
  readonly startedAt: string;
  readonly identityEpoch: string;
  readonly epochLoadedAt: string;
  readonly seenAt: string;
}

/** gw_instance: each process's last report, so the console can tell when every instance has honoured a change. */
export interface InstanceStore {
  report(r: InstanceReport): Promise<void>;
  list(): Promise<InstanceView[]>;
  /** the epoch every instance should have loaded (gw_setting identity_epoch) and when it changed */
  currentEpoch(): Promise<{ epoch: string; changedAt: string | null }>;
  remove(id: string): Promise<void>;
  /** forgets instances not seen since `before` */
  prune(before: string): Promise<void>;
}

export function createInstanceStore(db: Db, runner: SqlRunner): InstanceStore {
  const k = db.admin;
  return {
    async report(r) {
      const values = {
        host: r.host.slice(0, maxLength('gw_instance', 'host')),
        pid: r.pid,
        started_at: r.startedAt,
        identity_epoch: r.identityEpoch,
        epoch_loaded_at: r.epochLoadedAt,
        seen_at: r.seenAt,
      };
      await runner.transaction('instances.report', async (trx) => {
        const res = await runner.exec(trx, 'instances.report.update', trx.updateTable('gw_instance').set(values).where('id', '=', r.id));
        if (Number(res.numAffectedRows ?? 0) > 0) return;
        const existing = await runner.exec(trx, 'instances.report.read', trx.selectFrom('gw_instance').select('id').where('id', '=', r.id));
        if (existing.rows.length > 0) return; // MySQL counts an unchanged row as 0 affected
        await runner.exec(trx, 'instances.report.insert', trx.insertInto('gw_instance').values({ id: r.id, ...values }));
      });
    },
    async list() {
      const rows = await runner.readInteractive('instances.list', k.selectFrom('gw_instance').selectAll().orderBy('started_at').orderBy('id'));
      return rows.map((r) => ({
        id: r.id,
        host: r.host,
        pid: Number(r.pid),
        startedAt: sqlDateTimeToIso(r.started_at),
        identityEpoch: r.identity_epoch,
        epochLoadedAt: sqlDateTimeToIso(r.epoch_loaded_at),
        seenAt: sqlDateTimeToIso(r.seen_at),
      }));
    },
    async currentEpoch() {
      const rows = await runner.readInteractive(
        'instances.epoch',
        k.selectFrom('gw_setting').select(['value', 'updated_at']).where('name', '=', SETTING_IDENTITY_EPOCH),
      );
      const r = rows[0];
      return { epoch: r?.value ?? '', changedAt: r ? sqlDateTimeToIso(r.updated_at) : null };
    },
    async remove(id) {
      await runner.transaction('instances.remove', (trx) => runner.exec(trx, 'instances.remove', trx.deleteFrom('gw_instance').where('id', '=', id)));
    },
    async prune(before) {
      await runner.transaction('instances.prune', (trx) => runner.exec(trx, 'instances.prune', trx.deleteFrom('gw_instance').where('seen_at', '<', before)));
    },
  };
}
