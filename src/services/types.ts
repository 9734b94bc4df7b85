/**
 * Domain models of the read API: clean names, never column names. Services map rows to these;
 * resolvers (and codegen's mappers) use them as the parents of the GraphQL types.
 * Ids are the numeric keys; references to absent rows (Open Dental's 0) are null.
 * DateTime fields are ISO 8601 UTC strings ('2026-03-01T14:30:00Z'), Date fields 'YYYY-MM-DD',
 * Money fields exact decimal strings ('123.45').
 */

export type PatientStatus = 'PATIENT' | 'NON_PATIENT' | 'INACTIVE' | 'ARCHIVED' | 'DELETED' | 'DECEASED';
export type Gender = 'MALE' | 'FEMALE' | 'UNKNOWN';
export type AppointmentStatus = 'SCHEDULED' | 'COMPLETE' | 'UNSCHEDULED' | 'BROKEN' | 'PLANNED';
export type ProcedureStatus = 'TREATMENT_PLANNED' | 'COMPLETE' | 'EXISTING_CURRENT_PROVIDER' | 'EXISTING_OTHER_PROVIDER' | 'REFERRED' | 'DELETED';
export type ProductionGroupBy = 'PROVIDER' | 'CLINIC' | 'DAY';

/** Row stamps shared by every entity that can change. */
export interface Versioned {
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface Clinic {
  id: number;
  name: string;
  abbreviation: string;
  address: string;
  city: string;
  state: string;
  zip: string;
  phone: string;
  isHidden: boolean;
}

export interface Provider {
  id: number;
  abbreviation: string;
  firstName: string;
  lastName: string;
  suffix: string;
  isHygienist: boolean;
  specialty: string;
  clinicId: number | null;
  isHidden: boolean;
}

export interface Operatory {
  id: number;
  name: string;
  abbreviation: string;
  clinicId: number | null;
  dentistId: number | null;
  hygienistId: number | null;
  isHygiene: boolean;
  isHidden: boolean;
  sortOrder: number;
}

export interface ProcedureCode {
  id: number;
  code: string;
  description: string;
  abbreviation: string;
  category: string;
  timePattern: string;
  isHygiene: boolean;
}

export interface Patient extends Versioned {
  id: number;
  firstName: string;
  lastName: string;
  middleInitial: string;
  preferredName: string;
  status: PatientStatus;
  gender: Gender;
  birthdate: string | null;
  email: string;
  homePhone: string;
  mobilePhone: string;
  address: string;
  city: string;
  state: string;
  zip: string;
  firstVisitDate: string | null;
  clinicId: number | null;
  primaryProviderId: number | null;
  secondaryProviderId: number | null;
  guarantorId: number | null;
}

export interface Appointment extends Versioned {
  id: number;
  patientId: number;
  scheduledAt: string;
  status: AppointmentStatus;
  pattern: string;
  lengthMinutes: number;
  confirmed: boolean;
  isHygiene: boolean;
  note: string;
  providerId: number | null;
  hygienistId: number | null;
  operatoryId: number | null;
  clinicId: number | null;
}

export interface Procedure extends Versioned {
  id: number;
  patientId: number;
  appointmentId: number | null;
  status: ProcedureStatus;
  codeId: number;
  fee: string;
  procedureDate: string;
  completedDate: string | null;
  tooth: string;
  surfaces: string;
  providerId: number | null;
  clinicId: number | null;
}

export interface Payment extends Versioned {
  id: number;
  patientId: number;
  clinicId: number | null;
  type: string;
  date: string;
  amount: string;
  checkNumber: string;
  note: string;
}

export interface PaySplit {
  id: number;
  paymentId: number;
  patientId: number;
  providerId: number | null;
  procedureId: number | null;
  clinicId: number | null;
  date: string;
  amount: string;
}

export interface ProductionRow {
  key: string;
  providerId: number | null;
  clinicId: number | null;
  date: string | null;
  procedureCount: number;
  production: string;
}

export interface AppointmentStatusCount {
  status: AppointmentStatus;
  count: number;
}

export interface AppointmentStats {
  from: string;
  to: string;
  total: number;
  byStatus: AppointmentStatusCount[];
}

// ---- connections ----

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/** One page of a Relay connection. */
export interface Page<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
}

/** Aliases for codegen's mappers (it cannot spell generic arguments). */
export type PatientPage = Page<Patient>;
export type PatientEdge = Edge<Patient>;
export type AppointmentPage = Page<Appointment>;
export type AppointmentEdge = Edge<Appointment>;
export type ProcedurePage = Page<Procedure>;
export type ProcedureEdge = Edge<Procedure>;
export type PaymentPage = Page<Payment>;
export type PaymentEdge = Edge<Payment>;
export type ProcedureCodePage = Page<ProcedureCode>;
export type ProcedureCodeEdge = Edge<ProcedureCode>;
