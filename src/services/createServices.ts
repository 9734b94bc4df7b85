import type { Principal } from '../auth/Principal.js';
import type { SecurityLogAppender } from '../audit/SecurityLog.js';
import { stampFor, type Stamp } from '../audit/Stamp.js';
import type { Db } from '../db/Db.js';
import type { SqlRunner } from '../db/SqlRunner.js';
import type { IdempotencyStore } from '../gateway/idempotency/IdempotencyStore.js';
import { newRequestWrites, type RequestWrites } from '../gateway/idempotency/RequestWrites.js';
import { createAuditService } from './audit/audit.service.js';
import { createBillingService } from './billing/billing.service.js';
import { createBillingWrites } from './billing/billing.writes.js';
import { createAdminUsersService } from './admins/adminUsers.service.js';
import type { AdminDeps } from './clients/ClientsDeps.js';
import { createClientsService } from './clients/clients.service.js';
import { createClinicalService } from './clinical/clinical.service.js';
import { createClinicalWrites } from './clinical/clinical.writes.js';
import { createEventsService } from './events/events.service.js';
import { createMonitoringService } from './monitoring/monitoring.service.js';
import { createPagingLimits, type PagingLimits } from './paging.js';
import { createPatientsService } from './patients/patients.service.js';
import { createPatientWrites } from './patients/patients.writes.js';
import { createPracticeService } from './practice/practice.service.js';
import { createReportsService, defaultReportLimits, type ReportLimits } from './reports/reports.service.js';
import { requireScope } from './requireScope.js';
import { createScheduleService } from './schedule/schedule.service.js';
import { createScheduleWrites } from './schedule/schedule.writes.js';
import { createWriteOnce } from './createWriteOnce.js';
import type { ServiceDeps } from './ServiceDeps.js';
import { createWebhooksService } from './webhooks/webhooks.service.js';

export interface CreateServicesOptions {
  db: Db;
  runner: SqlRunner;
  /** fixed for the request: every read is filtered by principal.clinicIds, every write stamped from it */
  principal: Principal;
  requestId: string;
  /** default () => new Date() */
  clock?: () => Date;
  /** `first` bounds; default 50 / max 500 */
  paging?: Partial<PagingLimits>;
  /** aggregate range limit; default 1096 days */
  reports?: Partial<ReportLimits>;
  /** the admin services' parts (gateway tables, kill switch, key rotation grace) */
  admin: AdminDeps;
  /** the request's Idempotency-Key claim and what its write committed; default: none */
  writes?: RequestWrites;
  /** records a write's outcome under its key, in the write's transaction (needed only with a claim) */
  recordOutcome?: IdempotencyStore['record'];
  /** the keyed security log every write appends to */
  securityLog: SecurityLogAppender;
}

/** The domain services of one request. Resolvers and loaders reach the database only through these. */
export function createServices(opts: CreateServicesOptions) {
  const clock = opts.clock ?? (() => new Date());
  let stamp: Stamp | undefined;
  const deps: ServiceDeps = Object.freeze({
    db: opts.db,
    runner: opts.runner,
    principal: opts.principal,
    requestId: opts.requestId,
    clock,
    paging: createPagingLimits(opts.paging),
    securityLog: opts.securityLog,
    authorizeWrite(scope: string): Stamp {
      requireScope(opts.principal, scope);
      // one time for every row the request writes
      stamp ??= stampFor(opts.principal, opts.requestId, clock);
      return stamp;
    },
    writeOnce: createWriteOnce({ runner: opts.runner, writes: opts.writes ?? newRequestWrites(), record: opts.recordOutcome }),
  });
  return {
    practice: createPracticeService(deps),
    patients: { ...createPatientsService(deps), ...createPatientWrites(deps) },
    schedule: { ...createScheduleService(deps), ...createScheduleWrites(deps) },
    clinical: { ...createClinicalService(deps), ...createClinicalWrites(deps) },
    billing: { ...createBillingService(deps), ...createBillingWrites(deps) },
    audit: createAuditService(deps),
    reports: createReportsService(deps, { maxSpanDays: opts.reports?.maxSpanDays ?? defaultReportLimits.maxSpanDays }),
    clients: createClientsService({ ...deps, ...opts.admin }),
    events: createEventsService({ ...deps, gateway: opts.admin.gateway }),
    webhooks: createWebhooksService({ ...deps, ...opts.admin }),
    admins: createAdminUsersService({ ...deps, ...opts.admin }),
    monitoring: createMonitoringService({ ...deps, ...opts.admin }),
  };
}

export type Services = ReturnType<typeof createServices>;
