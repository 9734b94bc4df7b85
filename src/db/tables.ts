import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
  GwClientTable,
  GwApiKeyTable,
  GwClientClinicTable,
  GwClientIpTable,
  GwClientUserTable,
  GwSettingTable,
  GwOperationTable,
  GwOperationSeenTable,
  GwRequestLogTable,
  GwIdempotencyTable,
  GwRevokedTokenTable,
  GwAdminUserTable,
  GwAdminSessionTable,
  GwInstanceTable,
  GwOutboxTable,
  GwWebhookEndpointTable,
  GwDeliveryTable,
} from './gatewayTables.js';
import type { DateStr, DateTimeStr, Decimal, Flag } from './columnTypes.js';

/**
 * Table types for the practice database (Open Dental naming); chartgate's own gw_ tables are in gatewayTables.ts.
 * Both dialects return the same shapes: mysql2 runs with `dateStrings: true` and
 * `decimalNumbers: false`, so DATE is 'YYYY-MM-DD', DATETIME is 'YYYY-MM-DD HH:MM:SS'
 * (UTC, no zone) and DECIMAL is a string like '123.45'.
 */

/** Who and which program created and last changed a row (docs/architecture.md "Data"). */
export interface StampColumns {
  SecUserNumEntry: number;
  SecProgramNumEntry: number;
  SecUserNumEdit: number;
  SecProgramNumEdit: number;
  SecDateTEntry: DateTimeStr;
  DateTStamp: DateTimeStr;
  /** Incremented on every update; the `expectedVersion` of optimistic concurrency. */
  RowVersion: ColumnType<number, number | undefined, number>;
}

export interface ClinicTable extends StampColumns {
  ClinicNum: Generated<number>;
  Description: string;
  Abbr: string;
  Address: string;
  City: string;
  State: string;
  Zip: string;
  Phone: string;
  IsHidden: Flag;
}

export interface ProviderTable extends StampColumns {
  ProvNum: Generated<number>;
  Abbr: string;
  LName: string;
  FName: string;
  Suffix: string;
  /** 1 for hygienists (Open Dental: IsSecondary) */
  IsSecondary: Flag;
  Specialty: string;
  FeeSched: number;
  ClinicNum: number;
  IsHidden: Flag;
}

export interface OperatoryTable extends StampColumns {
  OperatoryNum: Generated<number>;
  OpName: string;
  Abbrev: string;
  ClinicNum: number;
  ProvDentist: number;
  ProvHygienist: number;
  IsHygiene: Flag;
  IsHidden: Flag;
  ItemOrder: number;
}

export interface UserodTable extends StampColumns {
  UserNum: Generated<number>;
  UserName: string;
  ProvNum: number;
  ClinicNum: number;
  /** 1 when the user is inactive (Open Dental: IsHidden) */
  IsHidden: Flag;
  /** 1 for an integration's own service user (created with its gw_client) */
  IsServiceUser: Flag;
}

export interface PatientTable extends StampColumns {
  PatNum: Generated<number>;
  LName: string;
  FName: string;
  MiddleI: string;
  Preferred: string;
  /** 0 Patient, 1 NonPatient, 2 Inactive, 3 Archived, 4 Deleted, 5 Deceased */
  PatStatus: number;
  /** 0 Male, 1 Female, 2 Unknown */
  Gender: number;
  Birthdate: DateStr | null;
  Email: string;
  HmPhone: string;
  WirelessPhone: string;
  Address: string;
  City: string;
  State: string;
  Zip: string;
  /** PatNum of the family's guarantor (self for the head of family) */
  Guarantor: number;
  PriProv: number;
  SecProv: number;
  ClinicNum: number;
  DateFirstVisit: DateStr | null;
}

export interface AppointmentTable extends StampColumns {
  AptNum: Generated<number>;
  PatNum: number;
  /** 1 Scheduled, 2 Complete, 3 UnschedList, 5 Broken, 6 Planned */
  AptStatus: number;
  /** one character per 5 minutes: 'X' provider time, '/' assistant time */
  Pattern: string;
  /** 0 unconfirmed, 1 confirmed */
  Confirmed: number;
  Op: number;
  ProvNum: number;
  ProvHyg: number;
  AptDateTime: DateTimeStr;
  Note: string;
  ClinicNum: number;
  IsHygiene: Flag;
}

/** Open Dental keeps each appointment's previous states here. */
export interface HistappointmentTable extends Omit<AppointmentTable, 'AptNum' | 'RowVersion'> {
  HistApptNum: Generated<number>;
  AptNum: number;
  RowVersion: number;
  HistUserNum: number;
  HistDateStamp: DateTimeStr;
  /** 1 Changed, 2 Deleted, 3 Created, 4 Cancelled */
  HistApptAction: number;
  /** the program (gw_client id) that made the change */
  ApptSource: number;
}

export interface ProcedurecodeTable {
  CodeNum: Generated<number>;
  ProcCode: string;
  Descript: string;
  AbbrDesc: string;
  /** time pattern, like appointment.Pattern */
  ProcTime: string;
  ProcCat: string;
  IsHygiene: Flag;
}

export interface FeeTable {
  FeeNum: Generated<number>;
  FeeSched: number;
  CodeNum: number;
  Amount: Decimal;
}

export interface ProcedurelogTable extends StampColumns {
  ProcNum: Generated<number>;
  PatNum: number;
  AptNum: number;
  /** 1 TreatPlanned, 2 Complete, 3 ExistingCurProv, 4 ExistingOther, 5 Referred, 6 Deleted */
  ProcStatus: number;
  CodeNum: number;
  ProcFee: Decimal;
  ProcDate: DateStr;
  ProvNum: number;
  ClinicNum: number;
  ToothNum: string;
  Surf: string;
  DateComplete: DateStr | null;
}

export interface PaymentTable extends StampColumns {
  PayNum: Generated<number>;
  PatNum: number;
  ClinicNum: number;
  /** free text payment type: 'Cash', 'Check', 'Card', 'Insurance' */
  PayType: string;
  PayDate: DateStr;
  PayAmt: Decimal;
  CheckNum: string;
  PayNote: string;
}

export interface PaysplitTable extends StampColumns {
  SplitNum: Generated<number>;
  PayNum: number;
  PatNum: number;
  ProvNum: number;
  ProcNum: number;
  ClinicNum: number;
  DatePay: DateStr;
  SplitAmt: Decimal;
}

export interface SecuritylogTable {
  SecurityLogNum: Generated<number>;
  PermType: string;
  UserNum: number;
  /** the program: gw_client id (0 = chartgate itself, e.g. the CLI) */
  ProgramNum: number;
  ApiKeyNum: number;
  RequestId: string;
  LogDateTime: DateTimeStr;
  PatNum: number;
  FKey: number;
  LogSource: string;
  LogText: string;
  /** JSON: { column: [before, after] } */
  Changes: string;
  PrevHash: string;
  LogHash: string;
}

export interface Database {
  clinic: ClinicTable;
  provider: ProviderTable;
  operatory: OperatoryTable;
  userod: UserodTable;
  patient: PatientTable;
  appointment: AppointmentTable;
  histappointment: HistappointmentTable;
  procedurecode: ProcedurecodeTable;
  fee: FeeTable;
  procedurelog: ProcedurelogTable;
  payment: PaymentTable;
  paysplit: PaysplitTable;
  securitylog: SecuritylogTable;
  gw_client: GwClientTable;
  gw_api_key: GwApiKeyTable;
  gw_client_clinic: GwClientClinicTable;
  gw_client_ip: GwClientIpTable;
  gw_client_user: GwClientUserTable;
  gw_setting: GwSettingTable;
  gw_operation: GwOperationTable;
  gw_operation_seen: GwOperationSeenTable;
  gw_request_log: GwRequestLogTable;
  gw_idempotency: GwIdempotencyTable;
  gw_revoked_token: GwRevokedTokenTable;
  gw_admin_user: GwAdminUserTable;
  gw_admin_session: GwAdminSessionTable;
  gw_instance: GwInstanceTable;
  gw_outbox: GwOutboxTable;
  gw_webhook_endpoint: GwWebhookEndpointTable;
  gw_delivery: GwDeliveryTable;
}

export type PatientRow = Selectable<PatientTable>;
export type AppointmentRow = Selectable<AppointmentTable>;
export type ProviderRow = Selectable<ProviderTable>;
export type OperatoryRow = Selectable<OperatoryTable>;
export type ClinicRow = Selectable<ClinicTable>;
export type ProcedureRow = Selectable<ProcedurelogTable>;
export type ProcedureCodeRow = Selectable<ProcedurecodeTable>;
export type PaymentRow = Selectable<PaymentTable>;
export type PaysplitRow = Selectable<PaysplitTable>;
export type UserodRow = Selectable<UserodTable>;
export type SecuritylogRow = Selectable<SecuritylogTable>;
export type NewPatient = Insertable<PatientTable>;
export type PatientUpdate = Updateable<PatientTable>;
