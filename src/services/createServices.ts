import type { Principal } from '../auth/Principal.js';
import type { Db } from '../db/createDb.js';
import type { SqlRunner } from '../db/SqlRunner.js';
import { stampFor } from '../audit/Stamp.js';
import { createAuditService } from './audit/audit.service.js';
import { createBillingWrites } from './billing/billing.writes.js';
import { createBillingService } from './billing/billing.service.js';
import { createClinicalWrites } from './clinical/clinical.writes.js';
import { createPatientWrites } from './patients/patients.writes.js';
import { createScheduleWrites } from './schedule/schedule.writes.js';
import { createClinicalService } from './clinical/clinical.service.js';
import type { ClientsDeps } from './clients/ClientsDeps.js';
import { createClientsService } from './clients/clients.service.js';
import { createPagingLimits, type PagingLimits } from './paging.js';
import { createPatientsService } from './patients/patients.service.js';
import { createPracticeService } from './practice/practice.service.js';
import type { ReadDeps } from './ReadDeps.js';
import { createReportsService, type ReportLimits } from './reports/reports.service.js';
import { createScheduleService } from './schedule/schedule.service.js';

export interface CreateServicesOptions {
  db: Db;
  runner: SqlRunner;
  /** fixed for the request: every read is filtered by principal.clinicIds */
  principal: Principal;
  requestId: string;
  /** default () => new Date() */
  clock?: () => Date;
  /** `first` bounds; default 50 / max 500 */
  paging?: Partial<PagingLimits>;
  /** aggregate range limit; default 1096 days */
  reports?: Partial<ReportLimits>;
  /** admin options (key rotation grace, security log writer); defaults in ClientsDeps */
  clients?: Pick<ClientsDeps, 'keyRotationGraceS' | 'appendLog' | 'afterChange'>;
}

/** The domain services of one request. Resolvers and loaders reach the database only through these. */
export function createServices(opts: CreateServicesOptions) {
  const deps: ReadDeps = Object.freeze({
    db: opts.db,
    runner: opts.runner,
    principal: opts.principal,
    requestId: opts.requestId,
    clock: opts.clock ?? (() => new Date()),
    paging: createPagingLimits(opts.paging),
  });
  return {
    /** the request's write stamp, from the credential (write methods take it explicitly) */
    stamp: stampFor(deps.principal, deps.requestId, deps.clock),
    practice: createPracticeService(deps),
    patients: { ...createPatientsService(deps), ...createPatientWrites(deps) },
    schedule: { ...createScheduleService(deps), ...createScheduleWrites(deps) },
    clinical: { ...createClinicalService(deps), ...createClinicalWrites(deps) },
    billing: { ...createBillingService(deps), ...createBillingWrites(deps) },
    audit: createAuditService(deps),
    reports: createReportsService(deps, { maxSpanDays: opts.reports?.maxSpanDays ?? 1096 }),
    clients: createClientsService({ ...deps, ...opts.clients }),
  };
}

export type Services = ReturnType<typeof createServices>;
