import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/tables.js';
import type { ProductionGroupBy } from '../types.js';
import { inList } from '../visibility.js';

/** Column each production group is keyed by. */
const GROUP_COLUMN = { PROVIDER: 'ProvNum', CLINIC: 'ClinicNum', DAY: 'ProcDate' } as const;

/**
 * Completed production in [from, to] (by ProcDate), summed in whole cents so neither dialect
 * rounds through a float (SQLite keeps DECIMAL as REAL): SUM(ROUND(ProcFee * 100)).
 */
export function selectProduction(
  db: Kysely<Database>,
  f: { from: string; to: string; groupBy: ProductionGroupBy; clinics: number[] | null; clinicId?: number; completeStatus: number },
) {
  const col = GROUP_COLUMN[f.groupBy];
  let q = db
    .selectFrom('procedurelog')
    .select([
      sql<string | number>`${sql.ref(col)}`.as('groupKey'),
      sql<string | number>`sum(round(${sql.ref('ProcFee')} * 100))`.as('cents'),
      (eb) => eb.fn.countAll<number | string>().as('procedureCount'),
    ])
    .where('ProcStatus', '=', f.completeStatus)
    .where('ProcDate', '>=', f.from)
    .where('ProcDate', '<=', f.to);
  if (f.clinics) q = q.where('ClinicNum', 'in', inList(f.clinics));
  if (f.clinicId !== undefined) q = q.where('ClinicNum', '=', f.clinicId);
  return q.groupBy(col).orderBy(col);
}

/** Appointment counts by status with AptDateTime in [fromTime, toTime). */
export function selectAppointmentCounts(
  db: Kysely<Database>,
  f: { fromTime: string; toTime: string; statuses: number[]; clinics: number[] | null; clinicId?: number },
) {
  let q = db
    .selectFrom('appointment')
    .select(['AptStatus', (eb) => eb.fn.countAll<number | string>().as('count')])
    .where('AptStatus', 'in', f.statuses)
    .where('AptDateTime', '>=', f.fromTime)
    .where('AptDateTime', '<', f.toTime);
  if (f.clinics) q = q.where('ClinicNum', 'in', inList(f.clinics));
  if (f.clinicId !== undefined) q = q.where('ClinicNum', '=', f.clinicId);
  return q.groupBy('AptStatus').orderBy('AptStatus');
}
