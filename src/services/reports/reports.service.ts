import { addDays, daysBetween } from '../../lib/dates.js';
import { badInput } from '../../lib/DomainError.js';
import { centsToMoney } from '../../lib/money.js';
import { COMPLETE_PROCEDURE } from '../clinical/mapProcedure.js';
import type { ServiceDeps } from '../ServiceDeps.js';
import { checkRange } from '../paging.js';
import { APPOINTMENT_STATUS_CODES, appointmentStatusOf, KNOWN_APPOINTMENT_CODES } from '../schedule/mapAppointment.js';
import type { AppointmentStats, AppointmentStatus, ProductionGroupBy, ProductionRow } from '../types.js';
import { requireClinicVisible, visibleClinics } from '../visibility.js';
import { selectAppointmentCounts, selectProduction } from './reports.queries.js';

/** A whole-cents SUM from either driver ('12345', '12345.00', 12345) -> bigint. */
function sumToCents(value: string | number | null): bigint {
  if (value === null) return 0n;
  const s = String(value);
  const m = /^(-?\d+)(?:\.0*)?$/.exec(s);
  return m ? BigInt(m[1]) : BigInt(Math.round(Number(s)));
}

export interface ReportLimits {
  /** longest from..to span an aggregate accepts, in days; default 1096 (3 years) */
  maxSpanDays: number;
}

export const defaultReportLimits: Readonly<ReportLimits> = Object.freeze({ maxSpanDays: 1096 });

/** Dashboard aggregates over completed production and the schedule. */
export function createReportsService(deps: ServiceDeps, limits: ReportLimits = defaultReportLimits) {
  const db = deps.db.reporting;
  const clinics = visibleClinics(deps.principal);

  const checkSpan = (from: string, to: string, clinicId: number | null | undefined) => {
    checkRange(from, to);
    if (daysBetween(from, to) + 1 > limits.maxSpanDays) {
      throw badInput(`The range may span at most ${limits.maxSpanDays} days`, 'to', { maximum: limits.maxSpanDays });
    }
    if (clinicId != null) requireClinicVisible(deps.principal, clinicId);
  };

  return {
    async productionSummary(args: { from: string; to: string; groupBy: ProductionGroupBy; clinicId?: number | null }): Promise<ProductionRow[]> {
      checkSpan(args.from, args.to, args.clinicId);
      const q = selectProduction(db, {
        from: args.from,
        to: args.to,
        groupBy: args.groupBy,
        clinics,
        clinicId: args.clinicId ?? undefined,
        completeStatus: COMPLETE_PROCEDURE,
      });
      const rows = await deps.runner.read(`productionBy${args.groupBy[0]}${args.groupBy.slice(1).toLowerCase()}`, q);
      return rows.map((r) => {
        const key = args.groupBy === 'DAY' ? String(r.groupKey).slice(0, 10) : String(Number(r.groupKey));
        const num = Number(r.groupKey);
        return {
          key,
          providerId: args.groupBy === 'PROVIDER' && num > 0 ? num : null,
          clinicId: args.groupBy === 'CLINIC' && num > 0 ? num : null,
          date: args.groupBy === 'DAY' ? key : null,
          procedureCount: Number(r.procedureCount),
          production: centsToMoney(sumToCents(r.cents)),
        };
      });
    },
    async appointmentStats(args: { from: string; to: string; clinicId?: number | null }): Promise<AppointmentStats> {
      checkSpan(args.from, args.to, args.clinicId);
      const q = selectAppointmentCounts(db, {
        fromTime: `${args.from} 00:00:00`,
        toTime: `${addDays(args.to, 1)} 00:00:00`,
        statuses: KNOWN_APPOINTMENT_CODES,
        clinics,
        clinicId: args.clinicId ?? undefined,
      });
      const rows = await deps.runner.read('appointmentStats', q);
      const byStatus = rows.map((r) => ({ status: appointmentStatusOf(r.AptStatus), count: Number(r.count) }));
      const order = (s: AppointmentStatus) => APPOINTMENT_STATUS_CODES[s];
      byStatus.sort((a, b) => order(a.status) - order(b.status));
      return { from: args.from, to: args.to, total: byStatus.reduce((n, r) => n + r.count, 0), byStatus };
    },
  };
}

export type ReportsService = ReturnType<typeof createReportsService>;
