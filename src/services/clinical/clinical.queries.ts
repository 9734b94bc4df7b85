import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables.js';
import type { ConnectionSpec } from '../createConnectionReader.js';
import type { Procedure } from '../types.js';
import { inList } from '../visibility.js';
import { toProcedure } from './mapProcedure.js';

/** Procedure filters; dates 'YYYY-MM-DD' inclusive, changedSince UTC 'YYYY-MM-DD HH:MM:SS'. */
export interface ProcedureFilter {
  from?: string;
  to?: string;
  clinicId?: number;
  providerId?: number;
  patientId?: number;
  statuses?: number[];
  changedSince?: string;
}

/** Procedures as a connection: by (ProcDate, ProcNum), or (DateTStamp, ProcNum) when syncing. */
export const procedureConnection: ConnectionSpec<'procedurelog', ProcedureFilter, Procedure> = {
  from: (db) => db.selectFrom('procedurelog').selectAll(),
  id: 'ProcNum',
  parent: 'PatNum',
  clinic: 'ClinicNum',
  sortColumn: 'ProcDate',
  orders: { natural: 'proc.date', sync: 'proc.changed' },
  where(q, f) {
    if (f.clinicId !== undefined) q = q.where('ClinicNum', '=', f.clinicId);
    if (f.providerId !== undefined) q = q.where('ProvNum', '=', f.providerId);
    if (f.patientId !== undefined) q = q.where('PatNum', '=', f.patientId);
    if (f.statuses) q = q.where('ProcStatus', 'in', inList(f.statuses));
    if (f.from !== undefined) q = q.where('ProcDate', '>=', f.from);
    if (f.to !== undefined) q = q.where('ProcDate', '<=', f.to);
    if (f.changedSince !== undefined) q = q.where('DateTStamp', '>=', f.changedSince);
    return q;
  },
  toNode: toProcedure,
  purposes: { byIds: 'loadProceduresByIds', list: 'listProcedures', sync: 'syncProcedures', byParents: 'loadProceduresByPatients' },
};

/** Every procedure of the given appointments in visible clinics, ordered by (AptNum, ProcNum). */
export function selectProceduresByAppointments(db: Kysely<Database>, appointmentIds: number[], clinics: readonly number[] | null) {
  let q = db.selectFrom('procedurelog').selectAll().where('AptNum', 'in', inList(appointmentIds));
  if (clinics) q = q.where('ClinicNum', 'in', inList(clinics));
  return q.orderBy('AptNum').orderBy('ProcNum');
}
