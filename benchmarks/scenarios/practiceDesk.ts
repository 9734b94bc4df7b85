import type { SqlStatement } from '../driver/jobs.js';
import type { AdminConnection } from '../lib/createAdminConnection.js';
import type { DatasetFacts } from '../lib/readDatasetFacts.js';

/**
 * What a practice-management front desk asks its database all day, as the practice's own software
 * sends it (plain SQL on its own connections): the appointment book of one operatory-day with its
 * patients, a patient lookup by name, and a ledger read. Visits take these in turn.
 */
export async function practiceDeskVisits(admin: AdminConnection, facts: DatasetFacts): Promise<SqlStatement[][]> {
  const [names] = await admin.query('SELECT DISTINCT LName FROM patient ORDER BY LName LIMIT 40');
  const lastNames = (names as { LName: string }[]).map((r) => r.LName.slice(0, 3));
  const day = facts.busiestDay;
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const visits: SqlStatement[][] = [];
  for (let i = 0; i < 40; i++) {
    const op = facts.operatoryIds[i % facts.operatoryIds.length]!;
    const pat = facts.patientIds[(i * 37) % facts.patientIds.length]!;
    visits.push(
      [
        {
          sql: `SELECT a.AptNum, a.AptDateTime, a.Pattern, a.AptStatus, a.Confirmed, a.ProvNum, a.ProvHyg, p.PatNum, p.LName, p.FName, p.Preferred, p.HmPhone, p.WirelessPhone
                  FROM appointment a JOIN patient p ON p.PatNum = a.PatNum
                 WHERE a.Op = ? AND a.AptDateTime >= ? AND a.AptDateTime < ? AND a.AptStatus IN (1, 2, 5) ORDER BY a.AptDateTime`,
          params: [op, `${day} 00:00:00`, `${next} 00:00:00`],
        },
      ],
      [
        {
          sql: 'SELECT PatNum, LName, FName, Preferred, Birthdate, HmPhone, WirelessPhone, ClinicNum FROM patient WHERE LName LIKE ? ORDER BY LName, FName LIMIT 30',
          params: [`${lastNames[i % lastNames.length]}%`],
        },
      ],
      [
        {
          sql: `SELECT ProcDate AS d, ProcFee AS amount, 'procedure' AS kind FROM procedurelog WHERE PatNum = ? AND ProcStatus = 2
                UNION ALL SELECT PayDate, -PayAmt, 'payment' FROM payment WHERE PatNum = ? ORDER BY 1`,
          params: [pat, pat],
        },
        { sql: 'SELECT COALESCE(SUM(SplitAmt), 0) AS paid FROM paysplit WHERE PatNum = ?', params: [pat] },
      ],
    );
  }
  return visits;
}

/** chartgate's statement as a direct-SQL integration would send it: no tag comment, no deadline prefix. */
export function asDirectSql(sql: string): string {
  return sql.replace(/^\/\*[^*]*\*\/\s*/, '').replace(/^SET STATEMENT max_statement_time=[\d.]+ FOR /i, '');
}
