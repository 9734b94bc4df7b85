import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { isoToSqlDateTime, parseIsoDateTime, sqlDateTimeToIso } from '../../lib/dates.js';
import { badInput } from '../../lib/DomainError.js';
import type { SecuritylogRow } from '../../db/tables.js';
import type { ServiceDeps } from '../ServiceDeps.js';
import { pageSize } from '../paging.js';
import { visibleClinics } from '../visibility.js';
import { limitAuditToClinics } from './limitAuditToClinics.js';

export interface AuditLogFilter {
  patientId?: number | null;
  clientId?: number | null;
  userId?: number | null;
  /** ISO 8601 with offset, inclusive */
  since?: string | null;
  /** ISO 8601 with offset, exclusive */
  until?: string | null;
}

export interface AuditLogEntry {
  id: number;
  permType: string;
  userId: number;
  clientId: number;
  apiKeyId: number;
  requestId: string;
  at: string;
  patientId: number | null;
  rowKey: number;
  source: string;
  text: string;
  /** { column: [before, after] } */
  changes: string;
  hash: string;
}

export interface AuditLogPage {
  entries: AuditLogEntry[];
  endCursor: string | null;
  hasNextPage: boolean;
}

const ORDER = 'audit.desc';
const toEntry = (r: SecuritylogRow): AuditLogEntry => ({
  id: Number(r.SecurityLogNum),
  permType: r.PermType,
  userId: Number(r.UserNum),
  clientId: Number(r.ProgramNum),
  apiKeyId: Number(r.ApiKeyNum),
  requestId: r.RequestId,
  at: sqlDateTimeToIso(String(r.LogDateTime)),
  patientId: Number(r.PatNum) > 0 ? Number(r.PatNum) : null,
  rowKey: Number(r.FKey),
  source: r.LogSource,
  text: r.LogText,
  changes: r.Changes,
  hash: r.LogHash,
});

const time = (value: string | null | undefined, field: string): string | undefined => {
  if (value == null) return undefined;
  if (!parseIsoDateTime(value)) throw badInput(`${field} must be an ISO 8601 date-time with offset`, field);
  return isoToSqlDateTime(value);
};

/**
 * The security log, newest first (audit:read; the scope is checked on the schema field). A
 * clinic-limited client sees only the rows about its clinics' patients and rows; installation-wide
 * rows (admin actions) only a client without a clinic limit sees (docs/audit.md).
 */
export function createAuditService(deps: ServiceDeps) {
  const clinics = visibleClinics(deps.principal);
  return {
    async auditLog(filter: AuditLogFilter, first?: number | null, after?: string | null): Promise<AuditLogPage> {
      const size = pageSize(first, deps.paging);
      const since = time(filter.since, 'since');
      const until = time(filter.until, 'until');
      const before = after ? decodeCursor(after, ORDER, ['number'] as const)[0] : undefined;
      let q = deps.db.reporting.selectFrom('securitylog').selectAll();
      if (clinics) q = limitAuditToClinics(q, clinics);
      if (filter.patientId != null) q = q.where('PatNum', '=', filter.patientId);
      if (filter.clientId != null) q = q.where('ProgramNum', '=', filter.clientId);
      if (filter.userId != null) q = q.where('UserNum', '=', filter.userId);
      if (since) q = q.where('LogDateTime', '>=', since);
      if (until) q = q.where('LogDateTime', '<', until);
      if (before !== undefined) q = q.where('SecurityLogNum', '<', before);
      const rows = await deps.runner.read('auditLog', q.orderBy('SecurityLogNum', 'desc').limit(size + 1));
      const page = rows.slice(0, size).map(toEntry);
      const last = page[page.length - 1];
      return { entries: page, endCursor: last ? encodeCursor(ORDER, [last.id]) : null, hasNextPage: rows.length > size };
    },
  };
}
