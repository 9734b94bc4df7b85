import type { Generated, Selectable } from 'kysely';
import type { DateTimeStr, Flag } from './columnTypes.js';

/** chartgate's own gw_ tables (the practice's tables are in tables.ts; `Database` joins both). */
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
  /** the dispatcher holding the endpoint's new events (first attempts), and until when */
  lease_owner: string | null;
  lease_until: DateTimeStr | null;
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

export type GwClientRow = Selectable<GwClientTable>;
export type GwApiKeyRow = Selectable<GwApiKeyTable>;
