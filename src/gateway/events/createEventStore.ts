import { sql } from 'kysely';
import type { Db } from '../../db/Db.js';
import type { SqlRunner } from '../../db/SqlRunner.js';
import { toStoredEvent } from './mapEventRows.js';
import type { StoredEvent } from './types.js';

export interface EventPageFilter {
  /** the outbox id to continue after (0 = from the oldest retained event) */
  afterId: number;
  /** only these types (never empty: the caller has already narrowed them to what the client may see) */
  types: readonly string[];
  /** null = every clinic; else only events of these clinics, plus events of `unclinicTypes` */
  clinics: readonly number[] | null;
  /** types that belong to no clinic (operational events), exempt from the clinic filter */
  unclinicTypes: readonly string[];
  limit: number;
}

/** gw_outbox, read side: the change feed, the dispatcher's fan-out, replay and retention. */
export interface EventStore {
  /** commit order (id ascending); a governed read (the reporting pool, with the request's deadline) */
  page(filter: EventPageFilter): Promise<StoredEvent[]>;
  byIds(ids: readonly number[]): Promise<StoredEvent[]>;
  /** the newest outbox id (0 when empty) */
  maxId(): Promise<number>;
  /** events with afterId < id <= upToId, id ascending, at most `limit` */
  range(afterId: number, upToId: number, limit: number): Promise<StoredEvent[]>;
  /** events by type with afterId < id <= upToId (the written-events metric) */
  countByType(afterId: number, upToId: number): Promise<Map<string, number>>;
  /** events that occurred at or after `since` (UTC 'YYYY-MM-DD HH:MM:SS'), id ascending after `afterId` */
  since(since: string, afterId: number, limit: number): Promise<StoredEvent[]>;
  /**
   * Deletes up to `limit` events older than `cutoff` whose deliveries are all settled (delivered
   * or given up), with those deliveries; the number deleted.
   */
  prune(cutoff: string, limit: number): Promise<number>;
}

const UNSETTLED = ['pending', 'failed'];

export function createEventStore(db: Db, runner: SqlRunner): EventStore {
  const k = db.interactive;
  const ids = (list: readonly number[]) => sql.join(list.length > 0 ? [...list] : [-1]);
  return {
    async page(f) {
      const rows = await runner.read(
        'events.feed',
        db.reporting
          .selectFrom('gw_outbox')
          .selectAll()
          .where('id', '>', f.afterId)
          .where('type', 'in', [...f.types])
          .$if(f.clinics !== null, (q) =>
            q.where((eb) =>
              eb.or([
                eb('clinic_num', 'in', f.clinics!.length > 0 ? [...f.clinics!] : [-1]),
                ...(f.unclinicTypes.length > 0 ? [eb('type', 'in', [...f.unclinicTypes])] : []),
              ]),
            ),
          )
          .orderBy('id')
          .limit(f.limit),
      );
      return rows.map(toStoredEvent);
    },
    async byIds(list) {
      if (list.length === 0) return [];
      const rows = await runner.readInteractive(
        'events.byIds',
        k
          .selectFrom('gw_outbox')
          .selectAll()
          .where(sql<boolean>`id in (${ids(list)})`),
      );
      return rows.map(toStoredEvent);
    },
    async maxId() {
      const rows = await runner.readInteractive('events.maxId', k.selectFrom('gw_outbox').select(sql<number | null>`max(id)`.as('id')));
      return Number(rows[0]?.id ?? 0);
    },
    async range(afterId, upToId, limit) {
      const rows = await runner.readInteractive(
        'events.range',
        k.selectFrom('gw_outbox').selectAll().where('id', '>', afterId).where('id', '<=', upToId).orderBy('id').limit(limit),
      );
      return rows.map(toStoredEvent);
    },
    async countByType(afterId, upToId) {
      const rows = await runner.readInteractive(
        'events.countByType',
        k
          .selectFrom('gw_outbox')
          .select(['type', sql<number>`count(*)`.as('n')])
          .where('id', '>', afterId)
          .where('id', '<=', upToId)
          .groupBy('type'),
      );
      return new Map(rows.map((r) => [r.type, Number(r.n)]));
    },
    async since(sinceAt, afterId, limit) {
      const rows = await runner.readInteractive(
        'events.since',
        k.selectFrom('gw_outbox').selectAll().where('occurred_at', '>=', sinceAt).where('id', '>', afterId).orderBy('id').limit(limit),
      );
      return rows.map(toStoredEvent);
    },
    async prune(cutoff, limit) {
      return runner.transaction('events.prune', async (trx) => {
        const old = await runner.exec(
          trx,
          'events.prune.find',
          trx
            .selectFrom('gw_outbox as o')
            .select('o.id')
            .where('o.occurred_at', '<', cutoff)
            // an active endpoint that has not reached an event yet still delivers it (its first attempt has no row until then)
            .where((eb) =>
              eb.not(
                eb.exists(eb.selectFrom('gw_webhook_endpoint as e').select('e.id').where('e.status', '=', 'active').whereRef('e.last_event_id', '<', 'o.id')),
              ),
            )
            .where((eb) =>
              eb.not(eb.exists(eb.selectFrom('gw_delivery as d').select('d.id').whereRef('d.event_id', '=', 'o.id').where('d.status', 'in', UNSETTLED))),
            )
            .orderBy('o.id')
            .limit(limit),
        );
        const gone = old.rows.map((r) => Number(r.id));
        if (gone.length === 0) return 0;
        await runner.exec(trx, 'events.prune.deliveries', trx.deleteFrom('gw_delivery').where('event_id', 'in', gone));
        await runner.exec(trx, 'events.prune.events', trx.deleteFrom('gw_outbox').where('id', 'in', gone));
        return gone.length;
      });
    },
  };
}
