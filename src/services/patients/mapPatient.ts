import type { PatientRow } from '../../db/tables.js';
import { sqlDateTimeToIso, toDateOrNull } from '../../lib/dates.js';
import { ref } from '../practice/mapPractice.js';
import type { Gender, Patient, PatientStatus } from '../types.js';

/** PatStatus codes in Open Dental order. */
const PATIENT_STATUSES: readonly PatientStatus[] = ['PATIENT', 'NON_PATIENT', 'INACTIVE', 'ARCHIVED', 'DELETED', 'DECEASED'];
const GENDERS: readonly Gender[] = ['MALE', 'FEMALE', 'UNKNOWN'];

export const patientStatusCode = (s: PatientStatus): number => PATIENT_STATUSES.indexOf(s);

export const toPatient = (r: PatientRow): Patient => ({
  id: Number(r.PatNum),
  firstName: r.FName,
  lastName: r.LName,
  middleInitial: r.MiddleI,
  preferredName: r.Preferred,
  status: PATIENT_STATUSES[Number(r.PatStatus)] ?? 'INACTIVE',
  gender: GENDERS[Number(r.Gender)] ?? 'UNKNOWN',
  birthdate: toDateOrNull(r.Birthdate),
  email: r.Email,
  homePhone: r.HmPhone,
  mobilePhone: r.WirelessPhone,
  address: r.Address,
  city: r.City,
  state: r.State,
  zip: r.Zip,
  firstVisitDate: toDateOrNull(r.DateFirstVisit),
  clinicId: ref(r.ClinicNum),
  primaryProviderId: ref(r.PriProv),
  secondaryProviderId: ref(r.SecProv),
  guarantorId: ref(r.Guarantor),
  createdAt: sqlDateTimeToIso(r.SecDateTEntry),
  updatedAt: sqlDateTimeToIso(r.DateTStamp),
  version: Number(r.RowVersion),
});
