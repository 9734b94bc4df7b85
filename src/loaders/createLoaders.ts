import type { AppointmentListArgs } from '../services/schedule/schedule.service.js';
import type { PaymentListArgs } from '../services/billing/billing.service.js';
import type { ProcedureListArgs } from '../services/clinical/clinical.service.js';
import type { Services } from '../services/createServices.js';
import { createByIdLoader, createByParentLoader } from './createByIdLoader.js';
import { createPageLoader } from './createPageLoader.js';

/**
 * The DataLoaders of one request, built from its services (so every batch is filtered by the
 * request's principal). Each batch is one `WHERE key IN (...)` statement: a page of 10 or of 100
 * appointments with their patients, providers and procedures costs the same number of statements.
 */
export function createLoaders(services: Services) {
  const { practice, patients, schedule, clinical, billing } = services;
  return {
    clinic: createByIdLoader((ids) => practice.clinicsByIds(ids)),
    provider: createByIdLoader((ids) => practice.providersByIds(ids)),
    operatory: createByIdLoader((ids) => practice.operatoriesByIds(ids)),
    /** federation entity fetches of directory rows: listing rules, since no visible row references them */
    entityClinic: createByIdLoader((ids) => practice.entityClinicsByIds(ids)),
    entityProvider: createByIdLoader((ids) => practice.entityProvidersByIds(ids)),
    procedureCode: createByIdLoader((ids) => practice.procedureCodesByIds(ids)),
    patient: createByIdLoader((ids) => patients.byIds(ids)),
    appointment: createByIdLoader((ids) => schedule.byIds(ids)),
    procedure: createByIdLoader((ids) => clinical.byIds(ids)),
    payment: createByIdLoader((ids) => billing.byIds(ids)),
    familyByGuarantor: createByParentLoader(
      (ids) => patients.familiesByGuarantors(ids),
      (p) => p.guarantorId,
    ),
    proceduresByAppointment: createByParentLoader(
      (ids) => clinical.byAppointmentIds(ids),
      (p) => p.appointmentId,
    ),
    splitsByPayment: createByParentLoader(
      (ids) => billing.splitsByPaymentIds(ids),
      (s) => s.paymentId,
    ),
    appointmentsByPatient: createPageLoader((ids, args: AppointmentListArgs) => schedule.pagesByPatients(ids, args)),
    proceduresByPatient: createPageLoader((ids, args: ProcedureListArgs) => clinical.pagesByPatients(ids, args)),
    paymentsByPatient: createPageLoader((ids, args: PaymentListArgs) => billing.pagesByPatients(ids, args)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
