import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Table types for the practice database (Open Dental naming) and chartgate's own gw_ tables.
 * Both dialects return the same shapes: mysql2 runs with `dateStrings: true` and
 * `decimalNumbers: false`, so DATE is 'YYYY-MM-DD', DATETIME is 'YYYY-MM-DD HH:MM:SS'
 * (UTC, no zone) and DECIMAL is a string like '123.45'.
 */

/** 'YYYY-MM-DD' */
export type DateStr = string;
/** 'YYYY-MM-DD HH:MM:SS' in UTC */
export type DateTimeStr = string;
/** DECIMAL(12,2) as an exact string, e.g. '123.45' */
export type Decimal = ColumnType<string, string | number, string | number>;
/** Tiny boolean flags are 0/1 integers on both dialects */
export type Flag = number;

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

// ---- gateway tables (ours) ----

export interface GwClientTable {
  id: Generated<number>;
  name: string;
  vendor: string;
  /** 'dashboard' | 'dso' | 'internal' */
  kind: string;
  /** 'interactive' | 'reporting' | 'bulk': how the governor shares the database (default by kind) */
  class: string;
  /** 'active' | 'suspended' | 'deleted' */
  status: string;
  suspended_reason: string | null;
  /** space-separated scopes, e.g. 'patients:read schedule:read' */
  scopes: string;
  /** 'measure' | 'enforce' */
  mode: string;
  trusted_only: Flag;
  allow_introspection: Flag;
  /** may send X-Acting-User for a staff user listed in gw_client_user */
  may_act_for_staff: Flag;
  service_user_num: number;
  /** JSON of per-client governor overrides (null = global defaults) */
  limits: string | null;
  /** keep the documents of unregistered operations it sends (the rollout's log mode) */
  operation_log: Generated<Flag>;
  created_at: DateTimeStr;
  updated_at: DateTimeStr;
  /** set when the client was deleted (status 'deleted'); its rows stay for the audit */
  deleted_at: Generated<DateTimeStr | null>;
}

export interface GwApiKeyTable {
  id: Generated<number>;
  client_id: number;
  /** the visible part, e.g. 'cg_live_3f9a1c2b' */
  prefix: string;
  /** sha256 of the secret, hex */
  secret_hash: string;
  created_at: DateTimeStr;
  expires_at: DateTimeStr | null;
  revoked_at: DateTimeStr | null;
  last_used_at: DateTimeStr | null;
}

export interface GwClientClinicTable {
  client_id: number;
  clinic_num: number;
}

export interface GwClientIpTable {
  client_id: number;
  cidr: string;
}

export interface GwClientUserTable {
  client_id: number;
  user_num: number;
}

/** Process-wide switches (the whole-API kill switch) with a version for cheap polling. */
export interface GwSettingTable {
  name: string;
  value: string;
  updated_at: DateTimeStr;
}

export interface GwOperationTable {
  id: Generated<number>;
  client_id: number;
  /** sha256 hex of the document text */
  hash: string;
  name: string;
  document: string;
  /** the static cost at the worst variables the schema allows */
  cost: number;
  created_at: DateTimeStr;
  /** the app deployment that last registered it ('' = none given) */
  app_name: Generated<string>;
  app_version: Generated<string>;
  /** retired operations are kept but no longer certified */
  retired_at: Generated<DateTimeStr | null>;
}

/** An operation a client in log mode sent without registering it, with its document. */
export interface GwOperationSeenTable {
  id: Generated<number>;
  client_id: number;
  /** sha256 hex of the canonical operation document */
  hash: string;
  name: string;
  document: string;
  first_seen_at: DateTimeStr;
}

export interface GwRequestLogTable {
  id: Generated<number>;
  client_id: number;
  key_id: number;
  request_id: string;
  operation_name: string | null;
  operation_hash: string | null;
  status: number;
  error_code: string | null;
  duration_ms: number;
  rows: number;
  cost: number;
  client_ip: string;
  created_at: DateTimeStr;
  /** statement time of the request in ms, both pools */
  db_ms: Generated<number>;
}

export interface GwIdempotencyTable {
  id: Generated<number>;
  client_id: number;
  idem_key: string;
  request_hash: string;
  /** no longer written: responses are never stored (they may hold secrets) */
  response: string | null;
  created_at: DateTimeStr;
  /** the running request's lease: its token and when it expires (epoch ms); null once committed */
  lease_token: string | null;
  lease_until_ms: number | null;
  /** JSON { entity, id } of what the committed write produced; null while nothing committed */
  outcome: string | null;
  committed_at: DateTimeStr | null;
  /** after this the key is forgotten (IDEMPOTENCY_RETENTION_HOURS) */
  expires_at: DateTimeStr | null;
}

export interface GwRevokedTokenTable {
  jti: string;
  expires_at: DateTimeStr;
}

/** A person who signs in to the admin console; `user_num` is their userod row (the stamps name them). */
export interface GwAdminUserTable {
  id: Generated<number>;
  user_num: number;
  user_name: string;
  /** 'system-administrator' | 'technical-lead' | 'auditor' */
  role: string;
  /** argon2id PHC string */
  password_hash: string;
  /** base32 TOTP secret once enrolled, else null */
  totp_secret: string | null;
  /** a secret being enrolled, until its first code confirms it */
  totp_pending_secret: string | null;
  /** the last accepted TOTP time step (a code is never accepted twice) */
  totp_last_counter: Generated<number>;
  /** 'active' | 'disabled' */
  status: string;
  created_at: DateTimeStr;
  updated_at: DateTimeStr;
  last_login_at: DateTimeStr | null;
}

export interface GwAdminSessionTable {
  id: Generated<number>;
  admin_user_id: number;
  /** sha256 hex of the cookie's token (the token itself is never stored) */
  token_hash: string;
  /** the value the X-CSRF-Token header must carry */
  csrf_token: string;
  /** 1 while the password was accepted but the TOTP code is still due */
  totp_pending: Flag;
  client_ip: string;
  created_at: DateTimeStr;
  expires_at: DateTimeStr;
  last_seen_at: DateTimeStr;
}

/** One row per running chartgate process: which identity epoch it has loaded, and when it last reported. */
export interface GwInstanceTable {
  id: string;
  host: string;
  pid: number;
  started_at: DateTimeStr;
  identity_epoch: string;
  epoch_loaded_at: DateTimeStr;
  seen_at: DateTimeStr;
}

/** The transactional outbox: one row per domain change, written in the change's own transaction. */
export interface GwOutboxTable {
  /** commit order: every append holds the security log's chain lock, so ids follow commits */
  id: Generated<number>;
  /** 'patient.created', 'appointment.booked'... */
  type: string;
  entity_id: number;
  /** the entity's clinic (0 = none) */
  clinic_num: number;
  /** the stamp: user and program (gw_client id) that made the change */
  user_num: number;
  program_num: number;
  request_id: string;
  occurred_at: DateTimeStr;
  /** JSON of the thin event as sent */
  payload: string;
  created_at: DateTimeStr;
}

export interface GwWebhookEndpointTable {
  id: Generated<number>;
  client_id: number;
  url: string;
  /** space-separated event types */
  event_types: string;
  /** whsec_... (signs every delivery) */
  secret: string;
  /** the secret before the last rotation, still signing until previous_secret_expires_at */
  previous_secret: string | null;
  previous_secret_expires_at: DateTimeStr | null;
  /** 'active' | 'disabled' */
  status: string;
  disabled_reason: string | null;
  full_payload: Flag;
  /** the outbox id deliveries have been created up to */
  last_event_id: number;
  /** the first failed attempt since the last success; null while it succeeds */
  failing_since: DateTimeStr | null;
  created_at: DateTimeStr;
  updated_at: DateTimeStr;
}

export interface GwDeliveryTable {
  id: Generated<number>;
  event_id: number;
  endpoint_id: number;
  /** 'pending' | 'delivered' | 'failed' (retry scheduled) | 'dead' (given up) */
  status: string;
  attempts: number;
  /** due time; while an attempt runs, the end of its lease */
  next_attempt_at: DateTimeStr;
  last_error: string | null;
  /** HTTP status of the last attempt (null: no answer) */
  last_status: number | null;
  delivered_at: DateTimeStr | null;
  created_at: DateTimeStr;
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
export type GwClientRow = Selectable<GwClientTable>;
export type GwApiKeyRow = Selectable<GwApiKeyTable>;
export type NewPatient = Insertable<PatientTable>;
export type PatientUpdate = Updateable<PatientTable>;
