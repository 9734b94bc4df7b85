import type { Kysely } from 'kysely';
import type { SqlRunner } from '../../db/SqlRunner.js';
import type { Database } from '../../db/tables.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { badInput } from '../../lib/DomainError.js';
import { toDeliveryView, toStoredEvent } from './mapEventRows.js';
import type { DeliveryStatus, DeliveryView, KeysetPage } from './types.js';

export interface DeliveryFilter {
  endpointId?: number;
  /** only endpoints of this client */
  clientId?: number;
  statuses?: readonly DeliveryStatus[];
}

const ORDER = 'delivery.id';

/** Deliveries newest first, keyset-paged on id, each with its event (two statements). */
export async function selectDeliveries(
  k: Kysely<Database>,
  runner: SqlRunner,
  filter: DeliveryFilter,
  first: number,
  after?: string | null,
): Promise<KeysetPage<DeliveryView>> {
  if (!Number.isInteger(first) || first < 1 || first > 500) throw badInput('first must be between 1 and 500', 'first', { minimum: 1, maximum: 500 });
  const beforeId = after ? decodeCursor(after, ORDER, ['number'] as const)[0] : null;
  const rows = await runner.readInteractive(
    'deliveries.list',
    k
      .selectFrom('gw_delivery as d')
      .selectAll('d')
      .$if(filter.endpointId !== undefined, (q) => q.where('d.endpoint_id', '=', filter.endpointId!))
      .$if(filter.clientId !== undefined, (q) =>
        q.where('d.endpoint_id', 'in', (eb) => eb.selectFrom('gw_webhook_endpoint').select('id').where('client_id', '=', filter.clientId!)),
      )
      .$if(filter.statuses !== undefined && filter.statuses.length > 0, (q) => q.where('d.status', 'in', [...filter.statuses!]))
      .$if(beforeId !== null, (q) => q.where('d.id', '<', beforeId!))
      .orderBy('d.id', 'desc')
      .limit(first + 1),
  );
  const kept = rows.slice(0, first);
  const eventIds = [...new Set(kept.map((r) => Number(r.event_id)))];
  const events =
    eventIds.length === 0 ? [] : await runner.readInteractive('deliveries.list.events', k.selectFrom('gw_outbox').selectAll().where('id', 'in', eventIds));
  const byId = new Map(events.map((e) => [Number(e.id), toStoredEvent(e)]));
  const edges = kept.map((r) => ({ cursor: encodeCursor(ORDER, [Number(r.id)]), node: toDeliveryView(r, byId.get(Number(r.event_id)) ?? null) }));
  return { edges, hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null };
}
