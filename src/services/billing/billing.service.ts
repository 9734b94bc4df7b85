import type { PaymentRow } from '../../db/tables.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { isoToSqlDateTime } from '../../lib/dates.js';
import { notFound } from '../../lib/DomainError.js';
import type { ReadDeps } from '../ReadDeps.js';
import { groupPages } from '../groupPages.js';
import { buildPage, checkRange, pageSize } from '../paging.js';
import type { Page, PaySplit, Payment } from '../types.js';
import { distinctIds, requireClinicVisible, visibleClinics } from '../visibility.js';
import { toPaySplit, toPayment } from './mapPayment.js';
import {
  selectPaymentPage,
  selectPaymentsByIds,
  selectPaymentsForPatients,
  selectSplitsByPayments,
  type PaymentAfter,
  type PaymentFilter,
} from './billing.queries.js';

/** Filters of `payments(...)` and `Patient.payments(...)`; from/to 'YYYY-MM-DD' inclusive. */
export interface PaymentListArgs {
  from?: string | null;
  to?: string | null;
  clinicId?: number | null;
  patientId?: number | null;
  changedSince?: string | null;
  first?: number | null;
  after?: string | null;
}

/** Payment reads. A payment (and a split) is visible when its own clinic is. */
export function createBillingService(deps: ReadDeps) {
  const db = deps.db.reporting;
  const clinics = visibleClinics(deps.principal);

  const prepare = (args: PaymentListArgs) => {
    const size = pageSize(args.first, deps.paging);
    checkRange(args.from, args.to);
    if (args.clinicId != null) requireClinicVisible(deps.principal, args.clinicId);
    const filter: PaymentFilter = {
      clinics,
      from: args.from ?? undefined,
      to: args.to ?? undefined,
      clinicId: args.clinicId ?? undefined,
      patientId: args.patientId ?? undefined,
      changedSince: args.changedSince ? isoToSqlDateTime(args.changedSince) : undefined,
    };
    const order = filter.changedSince ? 'pay.changed' : 'pay.date';
    let after: PaymentAfter | undefined;
    if (args.after) {
      const [value, id] = decodeCursor(args.after, order, ['string', 'number'] as const);
      after = { value, id };
    }
    const cursorOf = (r: PaymentRow) =>
      encodeCursor(order, [filter.changedSince ? r.DateTStamp : String(r.PayDate).slice(0, 10), Number(r.PayNum)]);
    return { size, filter, after, cursorOf };
  };

  const byIds = async (ids: readonly number[]): Promise<Payment[]> => {
    const wanted = distinctIds(ids);
    if (wanted.length === 0) return [];
    return (await deps.runner.read('loadPaymentsByIds', selectPaymentsByIds(db, wanted, clinics))).map(toPayment);
  };

  return {
    byIds,
    async get(id: number): Promise<Payment> {
      const [payment] = await byIds([id]);
      if (!payment) throw notFound('Payment', id);
      return payment;
    },
    async splitsByPaymentIds(paymentIds: readonly number[]): Promise<PaySplit[]> {
      const wanted = distinctIds(paymentIds);
      if (wanted.length === 0) return [];
      return (await deps.runner.read('loadSplitsByPayments', selectSplitsByPayments(db, wanted, clinics))).map(toPaySplit);
    },
    async list(args: PaymentListArgs): Promise<Page<Payment>> {
      const { size, filter, after, cursorOf } = prepare(args);
      const rows = await deps.runner.read(filter.changedSince ? 'syncPayments' : 'listPayments', selectPaymentPage(db, filter, after, size + 1));
      return buildPage(rows, size, Boolean(after), toPayment, cursorOf);
    },
    /** One page per patient, all in one statement (Patient.payments). */
    async pagesByPatients(patientIds: readonly number[], args: PaymentListArgs): Promise<Map<number, Page<Payment>>> {
      const { size, filter, after, cursorOf } = prepare({ ...args, patientId: null });
      const wanted = distinctIds(patientIds);
      const rows = wanted.length
        ? await deps.runner.read('loadPaymentsByPatients', selectPaymentsForPatients(db, wanted, filter, after, size + 1))
        : [];
      return groupPages(patientIds, rows, (r) => Number(r.PatNum), size, Boolean(after), toPayment, cursorOf);
    },
  };
}

export type BillingService = ReturnType<typeof createBillingService>;
