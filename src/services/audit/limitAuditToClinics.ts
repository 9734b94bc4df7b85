import { sql, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../../db/tables.js';
import { inList } from '../visibility.js';

/**
 * The practice row each permission type's FKey names, and its clinic column. A clinic-limited
 * reader sees a security-log row only when this table's row is in one of its clinics; a
 * permission type that is not listed here (admin actions, the sealing checkpoint, anything added
 * later) is installation-wide and hidden from clinic-limited readers: new kinds fail closed.
 */
const ROW_OF: ReadonlyArray<{ perms: readonly string[]; table: keyof Database; key: string }> = [
  { perms: ['PatientCreate', 'PatientEdit'], table: 'patient', key: 'PatNum' },
  { perms: ['AppointmentCreate', 'AppointmentMove', 'AppointmentCancel', 'AppointmentConfirm'], table: 'appointment', key: 'AptNum' },
  { perms: ['ProcedureCreate', 'ProcComplEdit'], table: 'procedurelog', key: 'ProcNum' },
  { perms: ['PaymentCreate'], table: 'payment', key: 'PayNum' },
  { perms: ['PaySplitCreate'], table: 'paysplit', key: 'SplitNum' },
];

/**
 * Limits security-log rows to `clinics`: the row's patient (PatNum) must have its home clinic
 * there, and the changed row (FKey, by permission type) must be in one of them. Both are read at
 * query time, so the log never needs a copy of a clinic that could go stale.
 */
export function limitAuditToClinics<O>(
  q: SelectQueryBuilder<Database, 'securitylog', O>,
  clinics: readonly number[],
): SelectQueryBuilder<Database, 'securitylog', O> {
  const visible = sql.join(inList(clinics));
  const patientVisible = sql<boolean>`(securitylog.PatNum = 0 or exists (select 1 from patient p where p.PatNum = securitylog.PatNum and p.ClinicNum in (${visible})))`;
  const rowVisible = sql.join(
    ROW_OF.map(
      (r) =>
        sql`(securitylog.PermType in (${sql.join(r.perms)}) and exists (select 1 from ${sql.table(r.table)} t where ${sql.ref(`t.${r.key}`)} = securitylog.FKey and t.ClinicNum in (${visible})))`,
    ),
    sql` or `,
  );
  return q.where(patientVisible).where(sql<boolean>`(${rowVisible})`);
}
