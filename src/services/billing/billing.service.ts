import { isoToSqlDateTime } from '../../lib/dates.js';
import { notFound } from '../../lib/DomainError.js';
import { createConnectionReader } from '../createConnectionReader.js';
import { checkRange } from '../paging.js';
import type { ServiceDeps } from '../ServiceDeps.js';
import type { Page, PaySplit, Payment } from '../types.js';
import { distinctIds, requireClinicVisible, visibleClinics } from '../visibility.js';
import { paymentConnection, selectSplitsByPayments, type PaymentFilter } from './billing.queries.js';
import { toPaySplit } from './mapPayment.js';

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
export function createBillingService(deps: ServiceDeps) {
  const clinics = visibleClinics(deps.principal);
  const reader = createConnectionReader(paymentConnection, { db: deps.db.reporting, runner: deps.runner, clinics, paging: deps.paging });

  const filterOf = (args: PaymentListArgs): PaymentFilter => {
    checkRange(args.from, args.to);
    if (args.clinicId != null) requireClinicVisible(deps.principal, args.clinicId);
    return {
      from: args.from ?? undefined,
      to: args.to ?? undefined,
      clinicId: args.clinicId ?? undefined,
      patientId: args.patientId ?? undefined,
      changedSince: args.changedSince ? isoToSqlDateTime(args.changedSince) : undefined,
    };
  };

  return {
    byIds: (ids: readonly number[]): Promise<Payment[]> => reader.byIds(ids),
    async get(id: number): Promise<Payment> {
      const [payment] = await reader.byIds([id]);
      if (!payment) throw notFound('Payment', id);
      return payment;
    },
    async splitsByPaymentIds(paymentIds: readonly number[]): Promise<PaySplit[]> {
      const wanted = distinctIds(paymentIds);
      if (wanted.length === 0) return [];
      return (await deps.runner.read('loadSplitsByPayments', selectSplitsByPayments(deps.db.reporting, wanted, clinics))).map(toPaySplit);
    },
    list: (args: PaymentListArgs): Promise<Page<Payment>> => reader.page(filterOf(args), args),
    /** One page per patient, all in one statement (Patient.payments). */
    pagesByPatients: (patientIds: readonly number[], args: PaymentListArgs): Promise<Map<number, Page<Payment>>> =>
      reader.pagesByParents(patientIds, filterOf({ ...args, patientId: null }), args),
  };
}

export type BillingService = ReturnType<typeof createBillingService>;
