import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Database } from '../../db/tables.js';
import { afterKey } from '../keyset.js';
import { inList } from '../visibility.js';

/** Payment filters; dates 'YYYY-MM-DD' inclusive, changedSince UTC 'YYYY-MM-DD HH:MM:SS'. */
export interface PaymentFilter {
  clinics: number[] | null;
  from?: string;
  to?: string;
  clinicId?: number;
  patientId?: number;
  changedSince?: string;
}

export interface PaymentAfter {
  value: string;
  id: number;
}

function applyFilter<O>(q: SelectQueryBuilder<Database, 'payment', O>, f: PaymentFilter) {
  if (f.clinics) q = q.where('ClinicNum', 'in', inList(f.clinics));
  if (f.clinicId !== undefined) q = q.where('ClinicNum', '=', f.clinicId);
  if (f.patientId !== undefined) q = q.where('PatNum', '=', f.patientId);
  if (f.from !== undefined) q = q.where('PayDate', '>=', f.from);
  if (f.to !== undefined) q = q.where('PayDate', '<=', f.to);
  if (f.changedSince !== undefined) q = q.where('DateTStamp', '>=', f.changedSince);
  return q;
}

export const paymentSortColumn = (f: PaymentFilter) => (f.changedSince !== undefined ? ('DateTStamp' as const) : ('PayDate' as const));

export function selectPaymentsByIds(db: Kysely<Database>, ids: number[], clinics: number[] | null) {
  return applyFilter(db.selectFrom('payment').selectAll().where('PayNum', 'in', inList(ids)), { clinics });
}

/** Splits of the given payments, ordered by (PayNum, SplitNum); visibility follows the split's clinic. */
export function selectSplitsByPayments(db: Kysely<Database>, paymentIds: number[], clinics: number[] | null) {
  let q = db.selectFrom('paysplit').selectAll().where('PayNum', 'in', inList(paymentIds));
  if (clinics) q = q.where('ClinicNum', 'in', inList(clinics));
  return q.orderBy('PayNum').orderBy('SplitNum');
}

export function selectPaymentPage(db: Kysely<Database>, f: PaymentFilter, after: PaymentAfter | undefined, limit: number) {
  const col = paymentSortColumn(f);
  let q = applyFilter(db.selectFrom('payment').selectAll(), f);
  if (after) q = q.where(afterKey(col, 'PayNum', after.value, after.id));
  return q.orderBy(col).orderBy('PayNum').limit(limit);
}

/** The first `limit` payments of each patient in one statement (ROW_NUMBER per PatNum). */
export function selectPaymentsForPatients(
  db: Kysely<Database>,
  patientIds: number[],
  f: PaymentFilter,
  after: PaymentAfter | undefined,
  limit: number,
) {
  const col = paymentSortColumn(f);
  let inner = applyFilter(
    db
      .selectFrom('payment')
      .selectAll()
      .select((eb) => eb.fn.agg<number>('row_number').over((ob) => ob.partitionBy('PatNum').orderBy(col).orderBy('PayNum')).as('rn'))
      .where('PatNum', 'in', inList(patientIds)),
    f,
  );
  if (after) inner = inner.where(afterKey(col, 'PayNum', after.value, after.id));
  return db.selectFrom(inner.as('t')).selectAll().where('t.rn', '<=', limit).orderBy('t.PatNum').orderBy('t.rn');
}
