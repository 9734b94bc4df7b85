import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables.js';
import type { ConnectionSpec } from '../createConnectionReader.js';
import type { Payment } from '../types.js';
import { inList } from '../visibility.js';
import { toPayment } from './mapPayment.js';

/** Payment filters; dates 'YYYY-MM-DD' inclusive, changedSince UTC 'YYYY-MM-DD HH:MM:SS'. */
export interface PaymentFilter {
  from?: string;
  to?: string;
  clinicId?: number;
  patientId?: number;
  changedSince?: string;
}

/** Payments as a connection: by (PayDate, PayNum), or (DateTStamp, PayNum) when syncing. */
export const paymentConnection: ConnectionSpec<'payment', PaymentFilter, Payment> = {
  from: (db) => db.selectFrom('payment').selectAll(),
  id: 'PayNum',
  parent: 'PatNum',
  clinic: 'ClinicNum',
  sortColumn: 'PayDate',
  orders: { natural: 'pay.date', sync: 'pay.changed' },
  where(q, f) {
    if (f.clinicId !== undefined) q = q.where('ClinicNum', '=', f.clinicId);
    if (f.patientId !== undefined) q = q.where('PatNum', '=', f.patientId);
    if (f.from !== undefined) q = q.where('PayDate', '>=', f.from);
    if (f.to !== undefined) q = q.where('PayDate', '<=', f.to);
    if (f.changedSince !== undefined) q = q.where('DateTStamp', '>=', f.changedSince);
    return q;
  },
  toNode: toPayment,
  purposes: { byIds: 'loadPaymentsByIds', list: 'listPayments', sync: 'syncPayments', byParents: 'loadPaymentsByPatients' },
};

/** Splits of the given payments, ordered by (PayNum, SplitNum); visibility follows the split's clinic. */
export function selectSplitsByPayments(db: Kysely<Database>, paymentIds: number[], clinics: readonly number[] | null) {
  let q = db.selectFrom('paysplit').selectAll().where('PayNum', 'in', inList(paymentIds));
  if (clinics) q = q.where('ClinicNum', 'in', inList(clinics));
  return q.orderBy('PayNum').orderBy('SplitNum');
}
