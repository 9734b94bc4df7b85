import type { AdminSessionStore } from '../gateway/admins/createAdminSessionStore.js';
import { scopesOfRole } from '../lib/consoleRoles.js';
import { fromSqlDateTime, toSqlDateTime } from '../lib/dates.js';
import { DomainError } from '../lib/DomainError.js';
import { ErrorCode } from '../lib/ErrorCode.js';
import { hashSecret, secretMatches } from '../lib/hashSecret.js';
import type { Principal } from './Principal.js';

/** What a browser presents: the HttpOnly session cookie's token and the X-CSRF-Token header. */
export interface SessionCredentials {
  token: string;
  csrfToken: string | undefined;
}

export type AuthenticateSession = (credentials: SessionCredentials) => Promise<Principal>;

export interface SessionAuthenticatorDeps {
  sessions: AdminSessionStore;
  clock: () => Date;
  /** CONSOLE_SESSION_IDLE_S: a session unused this long has ended */
  idleTimeoutS: number;
}

/** The HttpOnly cookie carrying a console session's token. */
export const SESSION_COOKIE = 'cg_console_session';
/** The readable cookie carrying the session's CSRF token, echoed by the console in CSRF_HEADER. */
export const CSRF_COOKIE = 'cg_console_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** The program stamped on console actions: chartgate itself (ProgramNum 0), as for the CLI. */
export const CONSOLE_PROGRAM_NAME = 'chartgate console';

// last_seen_at is written at most this often, so a busy console costs one statement per request, not two
const TOUCH_EVERY_MS = 60_000;

export const sessionEnded = () =>
  new DomainError(ErrorCode.UNAUTHENTICATED, 'Your console session has ended; sign in again', { details: { reason: 'SESSION_EXPIRED' } });

const badCsrf = () => new DomainError(ErrorCode.FORBIDDEN, 'Missing or wrong X-CSRF-Token header for this session', { details: { reason: 'CSRF' } });

/**
 * A console session -> the Principal of the person behind it: chartgate's program (0), their
 * userod user as the acting user (every stamp and security-log row names them), and the scopes of
 * their role. The CSRF header must match the session's token (a cross-site form cannot read it).
 */
export function createSessionAuthenticator(deps: SessionAuthenticatorDeps): AuthenticateSession {
  return async ({ token, csrfToken }) => {
    if (!csrfToken) throw badCsrf();
    const session = await deps.sessions.find(hashSecret(token));
    const now = deps.clock().getTime();
    if (
      !session ||
      session.totpPending ||
      session.user.status !== 'active' ||
      fromSqlDateTime(session.expiresAt) <= now ||
      fromSqlDateTime(session.lastSeenAt) + deps.idleTimeoutS * 1000 <= now
    ) {
      throw sessionEnded();
    }
    if (!secretMatches(csrfToken, hashSecret(session.csrfToken))) throw badCsrf();
    if (now - fromSqlDateTime(session.lastSeenAt) >= TOUCH_EVERY_MS) await deps.sessions.touch(session.id, toSqlDateTime(new Date(now)));
    return {
      clientId: 0,
      clientName: CONSOLE_PROGRAM_NAME,
      keyId: 0,
      scopes: scopesOfRole(session.user.role),
      clinicIds: null,
      actingUser: { userNum: session.user.userNum, userName: session.user.userName },
      admin: { id: session.adminUserId, userName: session.user.userName, role: session.user.role, sessionId: session.id },
    };
  };
}
