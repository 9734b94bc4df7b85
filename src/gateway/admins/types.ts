/** A console user as the console and the CLI show it (never the password hash or the TOTP secret). */
export interface AdminUserView {
  readonly id: number;
  readonly userName: string;
  /** 'system-administrator' | 'technical-lead' | 'auditor' */
  readonly role: string;
  /** 'active' | 'disabled' */
  readonly status: string;
  readonly totpEnabled: boolean;
  /** the userod row that stamps and the security log name */
  readonly userNum: number;
  /** ISO 8601 UTC */
  readonly createdAt: string;
  readonly lastLoginAt: string | null;
}

/** What login needs: the view plus the secrets it checks. */
export interface AdminUserRecord extends AdminUserView {
  readonly passwordHash: string;
  readonly totpSecret: string | null;
  readonly totpPendingSecret: string | null;
  readonly totpLastCounter: number;
}

/** A session row joined with its user; times are UTC 'YYYY-MM-DD HH:MM:SS'. */
export interface AdminSessionRecord {
  readonly id: number;
  readonly adminUserId: number;
  readonly csrfToken: string;
  readonly totpPending: boolean;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly lastSeenAt: string;
  readonly user: { readonly userName: string; readonly role: string; readonly status: string; readonly userNum: number };
}

export interface NewAdminSession {
  readonly adminUserId: number;
  /** sha256 hex of the cookie token */
  readonly tokenHash: string;
  readonly csrfToken: string;
  readonly totpPending: boolean;
  readonly clientIp: string;
  readonly now: string;
  readonly expiresAt: string;
}
