import type { Transaction } from 'kysely';
import type { SqlRunner } from '../../db/SqlRunner.js';
import type { Database } from '../../db/tables.js';
import { badInput } from '../../lib/DomainError.js';

/** BAD_USER_INPUT naming the first clinic id that does not exist (one statement; none for an empty list). */
export async function requireClinics(trx: Transaction<Database>, runner: SqlRunner, clinicIds: readonly number[]): Promise<void> {
  if (clinicIds.length === 0) return;
  const found = await runner.exec(
    trx,
    'clients.clinics.check',
    trx
      .selectFrom('clinic')
      .select('ClinicNum')
      .where('ClinicNum', 'in', [...clinicIds]),
  );
  const known = new Set(found.rows.map((r) => Number(r.ClinicNum)));
  const missing = clinicIds.find((c) => !known.has(c));
  if (missing !== undefined) throw badInput(`no clinic ${missing}`, 'input.clinicIds');
}
