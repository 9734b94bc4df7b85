import type { ClinicRow, OperatoryRow, ProcedureCodeRow, ProviderRow } from '../../db/tables.js';
import type { Clinic, Operatory, ProcedureCode, Provider } from '../types.js';

/** Open Dental uses 0 for "none". */
export const ref = (n: number | null | undefined): number | null => (n && Number(n) > 0 ? Number(n) : null);

export const toClinic = (r: ClinicRow): Clinic => ({
  id: Number(r.ClinicNum),
  name: r.Description,
  abbreviation: r.Abbr,
  address: r.Address,
  city: r.City,
  state: r.State,
  zip: r.Zip,
  phone: r.Phone,
  isHidden: Number(r.IsHidden) === 1,
});

export const toProvider = (r: ProviderRow): Provider => ({
  id: Number(r.ProvNum),
  abbreviation: r.Abbr,
  firstName: r.FName,
  lastName: r.LName,
  suffix: r.Suffix,
  isHygienist: Number(r.IsSecondary) === 1,
  specialty: r.Specialty,
  clinicId: ref(r.ClinicNum),
  isHidden: Number(r.IsHidden) === 1,
});

export const toOperatory = (r: OperatoryRow): Operatory => ({
  id: Number(r.OperatoryNum),
  name: r.OpName,
  abbreviation: r.Abbrev,
  clinicId: ref(r.ClinicNum),
  dentistId: ref(r.ProvDentist),
  hygienistId: ref(r.ProvHygienist),
  isHygiene: Number(r.IsHygiene) === 1,
  isHidden: Number(r.IsHidden) === 1,
  sortOrder: Number(r.ItemOrder),
});

export const toProcedureCode = (r: ProcedureCodeRow): ProcedureCode => ({
  id: Number(r.CodeNum),
  code: r.ProcCode,
  description: r.Descript,
  abbreviation: r.AbbrDesc,
  category: r.ProcCat,
  timePattern: r.ProcTime,
  isHygiene: Number(r.IsHygiene) === 1,
});
