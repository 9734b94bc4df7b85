import type { ProcedureRow } from '../../db/tables.js';
import { sqlDateTimeToIso, toDateOrNull } from '../../lib/dates.js';
import { toMoney } from '../../lib/money.js';
import { ref } from '../practice/mapPractice.js';
import type { Procedure, ProcedureStatus } from '../types.js';

/** ProcStatus codes 1..6 in Open Dental order. */
const PROCEDURE_STATUSES: readonly ProcedureStatus[] = [
  'TREATMENT_PLANNED',
  'COMPLETE',
  'EXISTING_CURRENT_PROVIDER',
  'EXISTING_OTHER_PROVIDER',
  'REFERRED',
  'DELETED',
];
export const procedureStatusCode = (s: ProcedureStatus): number => PROCEDURE_STATUSES.indexOf(s) + 1;
export const COMPLETE_PROCEDURE = procedureStatusCode('COMPLETE');

export const toProcedure = (r: ProcedureRow): Procedure => ({
  id: Number(r.ProcNum),
  patientId: Number(r.PatNum),
  appointmentId: ref(r.AptNum),
  status: PROCEDURE_STATUSES[Number(r.ProcStatus) - 1] ?? 'TREATMENT_PLANNED',
  codeId: Number(r.CodeNum),
  fee: toMoney(r.ProcFee),
  procedureDate: String(r.ProcDate).slice(0, 10),
  completedDate: toDateOrNull(r.DateComplete),
  tooth: r.ToothNum,
  surfaces: r.Surf,
  providerId: ref(r.ProvNum),
  clinicId: ref(r.ClinicNum),
  createdAt: sqlDateTimeToIso(r.SecDateTEntry),
  updatedAt: sqlDateTimeToIso(r.DateTStamp),
  version: Number(r.RowVersion),
});
