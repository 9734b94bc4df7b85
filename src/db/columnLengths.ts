/**
 * The VARCHAR length (characters) of every text column the migrations create, next to the table
 * types: input limits are derived from here, so text that passes validation always fits its
 * column. test/integration/db/columnLengths.test.ts checks this map against the database's own
 * definitions (information_schema), column by column. TEXT columns hold 65,535 bytes; the
 * services bound what goes into them.
 */
export const COLUMN_LENGTHS = Object.freeze({
  clinic: { Description: 255, Abbr: 32, Address: 255, City: 255, State: 32, Zip: 16, Phone: 32 },
  provider: { Abbr: 32, LName: 100, FName: 100, Suffix: 32, Specialty: 64 },
  operatory: { OpName: 100, Abbrev: 32 },
  userod: { UserName: 100 },
  patient: { LName: 100, FName: 100, MiddleI: 32, Preferred: 100, Email: 255, HmPhone: 32, WirelessPhone: 32, Address: 255, City: 100, State: 32, Zip: 16 },
  appointment: { Pattern: 255 },
  histappointment: { Pattern: 255 },
  procedurecode: { ProcCode: 16, Descript: 255, AbbrDesc: 64, ProcTime: 64, ProcCat: 64 },
  procedurelog: { ToothNum: 8, Surf: 16 },
  payment: { PayType: 32, CheckNum: 32 },
  securitylog: { PermType: 64, RequestId: 64, LogSource: 32, PrevHash: 64, LogHash: 64 },
  gw_client: { name: 100, vendor: 100, kind: 16, class: 16, status: 16, suspended_reason: 500, scopes: 1000, mode: 16 },
  gw_api_key: { prefix: 64, secret_hash: 128 },
  gw_client_ip: { cidr: 64 },
  gw_setting: { name: 64 },
  gw_operation: { hash: 64, name: 200, app_name: 100, app_version: 100 },
  gw_operation_seen: { hash: 64, name: 200 },
  gw_request_log: { request_id: 64, operation_name: 200, operation_hash: 64, error_code: 64, client_ip: 64 },
  gw_idempotency: { idem_key: 200, request_hash: 64, lease_token: 80, outcome: 200 },
  gw_revoked_token: { jti: 64 },
  gw_outbox: { type: 64, request_id: 64 },
  gw_webhook_endpoint: { url: 2000, event_types: 1000, secret: 128, previous_secret: 128, status: 16, disabled_reason: 500, lease_owner: 64 },
  gw_delivery: { status: 16, last_error: 1000 },
  gw_admin_user: { user_name: 50, role: 32, password_hash: 255, totp_secret: 64, totp_pending_secret: 64, status: 16 },
  gw_admin_session: { token_hash: 64, csrf_token: 64, client_ip: 64 },
  gw_instance: { id: 64, host: 255, identity_epoch: 64 },
});

type Lengths = typeof COLUMN_LENGTHS;

/** The most characters `table.column` holds. */
export const maxLength = <T extends keyof Lengths>(table: T, column: keyof Lengths[T] & string): number => COLUMN_LENGTHS[table][column] as number;
