import { sql, type Kysely, type Selectable, type SelectQueryBuilder } from 'kysely';
import type { SqlRunner } from '../db/SqlRunner.js';
import type { Database } from '../db/tables.js';
import { decodeCursor, encodeCursor } from '../lib/cursor.js';
import { groupPages } from './groupPages.js';
import { afterId, afterKey } from './keyset.js';
import { buildPage, pageSize, type PagingLimits } from './paging.js';
import type { Page } from './types.js';
import { inList } from './visibility.js';

/** Every list filter has a sync mode: changedSince (UTC 'YYYY-MM-DD HH:MM:SS') orders by (DateTStamp, id). */
export interface ConnectionFilter {
  changedSince?: string;
}

/** One table's connection: what differs between patients, appointments, procedures and payments. */
export interface ConnectionSpec<T extends keyof Database, F extends ConnectionFilter, N, R = Selectable<Database[T]>> {
  /** the base statement, e.g. `db.selectFrom('payment').selectAll()` */
  from(db: Kysely<Database>): SelectQueryBuilder<Database, T, R>;
  /** the primary key column (the tie-breaker of every order) */
  id: string;
  /** the parent key of nested connections (Patient.appointments: 'PatNum') */
  parent: string;
  /** the clinic column every read is limited by */
  clinic: string;
  /** the natural sort column; the id column itself gives a one-value cursor */
  sortColumn: string;
  /** cursor order tags, so a cursor of one ordering is never replayed against another */
  orders: { natural: string; sync: string };
  /** the table's own filters (dates, statuses, providers...); the clinic limit is applied by the reader */
  where<O>(q: SelectQueryBuilder<Database, T, O>, filter: F): SelectQueryBuilder<Database, T, O>;
  toNode(row: R): N;
  /** statement purposes (the SQL tag) */
  purposes: { byIds: string; list: string; sync: string; byParents: string };
}

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface ConnectionReader<F, N> {
  /** visible rows by key (unknown or invisible keys are simply absent) */
  byIds(ids: readonly number[], filter?: Partial<F>): Promise<N[]>;
  /** one page of the list */
  page(filter: F, args: PageArgs): Promise<Page<N>>;
  /** one page per parent, all in one statement (ROW_NUMBER per parent) */
  pagesByParents(parentIds: readonly number[], filter: F, args: PageArgs): Promise<Map<number, Page<N>>>;
}

const distinct = (ids: readonly number[]) => [...new Set(ids.filter((id) => id > 0))];
const cell = (row: object, column: string): unknown => (row as Record<string, unknown>)[column];

/**
 * The one keyset-paged reader behind every connection: by ids, a page, and pages per parent.
 * Every statement is limited to the principal's clinics (`clinics` null = all), so no caller can
 * forget it; the spec adds the table's own filters.
 */
export function createConnectionReader<T extends keyof Database, F extends ConnectionFilter, N, R extends object>(
  spec: ConnectionSpec<T, F, N, R>,
  deps: { db: Kysely<Database>; runner: SqlRunner; clinics: readonly number[] | null; paging: PagingLimits },
): ConnectionReader<F, N> {
  const ref = sql.ref;
  const limited = <O>(q: SelectQueryBuilder<Database, T, O>, f: F) => {
    const scoped = deps.clinics ? q.where(sql<boolean>`${ref(spec.clinic)} in (${sql.join(inList(deps.clinics))})`) : q;
    return spec.where(scoped, f);
  };
  const sortOf = (f: F) => (f.changedSince !== undefined ? 'DateTStamp' : spec.sortColumn);
  const orderOf = (f: F) => (f.changedSince !== undefined ? spec.orders.sync : spec.orders.natural);
  const single = (f: F) => sortOf(f) === spec.id;

  const position = (f: F, after: string | null | undefined) => {
    if (!after) return undefined;
    if (single(f)) return { value: undefined, id: decodeCursor(after, orderOf(f), ['number'] as const)[0] };
    const [value, id] = decodeCursor(after, orderOf(f), ['string', 'number'] as const);
    return { value, id };
  };
  const seek = <O>(q: SelectQueryBuilder<Database, T, O>, f: F, at: ReturnType<typeof position>) => {
    if (!at) return q;
    return q.where(at.value === undefined ? afterId(spec.id, at.id) : afterKey(sortOf(f), spec.id, at.value, at.id));
  };
  const cursorOf = (f: F) => (row: R) =>
    single(f) ? encodeCursor(orderOf(f), [Number(cell(row, spec.id))]) : encodeCursor(orderOf(f), [String(cell(row, sortOf(f))), Number(cell(row, spec.id))]);

  return {
    async byIds(ids, filter = {}) {
      const wanted = distinct(ids);
      if (wanted.length === 0) return [];
      const q = limited(spec.from(deps.db).where(sql<boolean>`${ref(spec.id)} in (${sql.join(wanted)})`), filter as F);
      return (await deps.runner.read(spec.purposes.byIds, q)).map(spec.toNode);
    },
    async page(filter, args) {
      const size = pageSize(args.first, deps.paging);
      const at = position(filter, args.after);
      const col = sortOf(filter);
      let q = seek(limited(spec.from(deps.db), filter), filter, at).orderBy(ref(col));
      if (col !== spec.id) q = q.orderBy(ref(spec.id));
      const rows = await deps.runner.read(filter.changedSince !== undefined ? spec.purposes.sync : spec.purposes.list, q.limit(size + 1));
      return buildPage(rows, size, Boolean(at), spec.toNode, cursorOf(filter));
    },
    async pagesByParents(parentIds, filter, args) {
      const size = pageSize(args.first, deps.paging);
      const at = position(filter, args.after);
      const wanted = distinct(parentIds);
      if (wanted.length === 0) return groupPages(parentIds, [], () => 0, size, Boolean(at), spec.toNode, cursorOf(filter));
      const col = sortOf(filter);
      const tail = col === spec.id ? sql`` : sql`, ${ref(spec.id)}`;
      const ranked = limited(
        spec
          .from(deps.db)
          .select(sql<number>`row_number() over (partition by ${ref(spec.parent)} order by ${ref(col)}${tail})`.as('rn'))
          .where(sql<boolean>`${ref(spec.parent)} in (${sql.join(wanted)})`),
        filter,
      );
      const inner = seek(ranked, filter, at);
      const q = deps.db
        .selectFrom(inner.as('t'))
        .selectAll()
        .where(sql<boolean>`${ref('t.rn')} <= ${size + 1}`)
        .orderBy(ref(`t.${spec.parent}`))
        .orderBy(ref('t.rn'));
      const rows = (await deps.runner.read(spec.purposes.byParents, q)) as object[] as R[];
      return groupPages(parentIds, rows, (r) => Number(cell(r, spec.parent)), size, Boolean(at), spec.toNode, cursorOf(filter));
    },
  };
}
