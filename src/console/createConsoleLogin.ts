import { stampFor, type Stamp } from '../audit/Stamp.js';
import { CONSOLE_PROGRAM_NAME } from '../auth/createSessionAuthenticator.js';
import type { AdminSessionStore } from '../gateway/admins/createAdminSessionStore.js';
import type { AdminUserStore } from '../gateway/admins/createAdminUserStore.js';
import type { AdminUserRecord } from '../gateway/admins/types.js';
import { ROLE_TITLES, isConsoleRole } from '../lib/consoleRoles.js';
import { fromSqlDateTime, sqlDateTimeToIso, toSqlDateTime } from '../lib/dates.js';
import { badInput, DomainError } from '../lib/DomainError.js';
import { ErrorCode } from '../lib/ErrorCode.js';
import { hashSecret } from '../lib/hashSecret.js';
import { verifyPassword } from '../lib/passwordHash.js';
import { acceptTotp } from '../lib/totp.js';
import type { LoginLimiter } from './createLoginLimiter.js';
import { issueCsrfToken, issueSessionToken } from './issueSessionToken.js';

/** A session the browser now holds: the cookie's token, its CSRF token, and who it is. */
export interface IssuedSession {
  token: string;
  csrfToken: string;
  /** ISO 8601 UTC */
  expiresAt: string;
  user: { id: number; userName: string; role: string; roleTitle: string };
}

export type LoginResult = { kind: 'signedIn'; session: IssuedSession } | { kind: 'totpRequired'; token: string; maxAgeS: number };

export interface ConsoleLoginDeps {
  users: AdminUserStore;
  sessions: AdminSessionStore;
  limiter: LoginLimiter;
  clock: () => Date;
  /** CONSOLE_SESSION_TTL_S */
  sessionTtlS: number;
  /** CONSOLE_LOGIN_FAILURE_DELAY_MS: every refusal is answered no sooner than this after the request began */
  failureDelayMs: number;
  /** waits `ms` (tests record it instead of waiting) */
  delay?: (ms: number) => Promise<void>;
  /** the password check (tests count its calls); default verifyPassword */
  verify?: (password: string, storedHash: string | null) => Promise<boolean>;
  onError?: (err: unknown) => void;
}

/** The one message for a wrong name, a wrong password and a disabled account. */
export const LOGIN_REFUSED = 'Wrong user name or password';
/** A pending TOTP step lasts this long. */
const TOTP_STEP_S = 300;

const throttled = (seconds: number) =>
  new DomainError(ErrorCode.THROTTLED, `Too many refused sign-ins; try again in ${seconds} s`, { details: { retryAfterSeconds: seconds } });

/**
 * Console sign-in: the password (argon2id, verified against a dummy hash for unknown or disabled
 * users, so the work is the same), then the TOTP code when the user has one, then a session.
 * Refusals share one message and one minimum answer time; each counts against the user name
 * and the address (src/console/createLoginLimiter.ts). Sign-ins, refusals of known users and
 * sign-outs land in the security log.
 */
export function createConsoleLogin(deps: ConsoleLoginDeps) {
  const delay = deps.delay ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const verify = deps.verify ?? verifyPassword;
  const nowMs = () => deps.clock().getTime();
  const stampOf = (user: AdminUserRecord, requestId: string): Stamp =>
    stampFor(
      {
        clientId: 0,
        clientName: CONSOLE_PROGRAM_NAME,
        keyId: 0,
        scopes: new Set(),
        clinicIds: null,
        actingUser: { userNum: user.userNum, userName: user.userName },
      },
      requestId,
      deps.clock,
    );
  // the security-log row of a refusal is written after the answer, so it cannot change the answer's timing
  const noteRefusal = (user: AdminUserRecord | undefined, requestId: string, why: string) => {
    if (user) void deps.users.noteFailedLogin(stampOf(user, requestId), user.id, why).catch((err) => deps.onError?.(err));
  };
  const refuse = async (started: number, message = LOGIN_REFUSED): Promise<never> => {
    const wait = deps.failureDelayMs - (nowMs() - started);
    if (wait > 0) await delay(wait);
    throw new DomainError(ErrorCode.UNAUTHENTICATED, message);
  };

  const openSession = async (user: AdminUserRecord, ip: string, requestId: string, totpCounter?: number, pendingId?: number): Promise<IssuedSession> => {
    const now = deps.clock();
    const expires = toSqlDateTime(new Date(now.getTime() + deps.sessionTtlS * 1000));
    const { token, hash } = issueSessionToken();
    const csrfToken = issueCsrfToken();
    if (pendingId !== undefined) await deps.sessions.promote(pendingId, hash, toSqlDateTime(now), expires, csrfToken);
    else
      await deps.sessions.create({
        adminUserId: user.id,
        tokenHash: hash,
        csrfToken,
        totpPending: false,
        clientIp: ip,
        now: toSqlDateTime(now),
        expiresAt: expires,
      });
    await deps.users.noteLogin(stampOf(user, requestId), user.id, totpCounter);
    await deps.limiter.succeed(user.userName);
    await deps.sessions.prune(toSqlDateTime(now));
    const role = isConsoleRole(user.role) ? user.role : 'auditor';
    return {
      token,
      csrfToken,
      expiresAt: sqlDateTimeToIso(expires),
      user: { id: user.id, userName: user.userName, role: user.role, roleTitle: ROLE_TITLES[role] },
    };
  };

  return {
    async login(input: { userName?: unknown; password?: unknown }, ip: string, requestId: string): Promise<LoginResult> {
      const started = nowMs();
      if (typeof input.userName !== 'string' || input.userName.trim() === '') throw badInput('enter your user name', 'userName');
      if (typeof input.password !== 'string' || input.password === '') throw badInput('enter your password', 'password');
      const userName = input.userName.trim();
      const wait = await deps.limiter.blockedFor(userName, ip);
      if (wait > 0) throw throttled(wait);
      const found = await deps.users.findByName(userName);
      const user = found?.status === 'active' ? found : undefined;
      const ok = await verify(input.password.slice(0, 1024), user?.passwordHash ?? null);
      if (!ok || !user) {
        await deps.limiter.fail(userName, ip);
        noteRefusal(found, requestId, found && found.status !== 'active' ? 'account disabled' : 'wrong password');
        return refuse(started);
      }
      if (!user.totpSecret) return { kind: 'signedIn', session: await openSession(user, ip, requestId) };
      const { token, hash } = issueSessionToken();
      const now = deps.clock();
      await deps.sessions.create({
        adminUserId: user.id,
        tokenHash: hash,
        csrfToken: issueCsrfToken(),
        totpPending: true,
        clientIp: ip,
        now: toSqlDateTime(now),
        expiresAt: toSqlDateTime(new Date(now.getTime() + TOTP_STEP_S * 1000)),
      });
      return { kind: 'totpRequired', token, maxAgeS: TOTP_STEP_S };
    },

    /** The second step: the pending session's token (cookie) and the authenticator app's code. */
    async totp(token: string | undefined, code: unknown, ip: string, requestId: string): Promise<IssuedSession> {
      const started = nowMs();
      if (typeof code !== 'string' || !/^\s*\d{6}\s*$/.test(code)) throw badInput('enter the 6-digit code from your authenticator app', 'code');
      const pending = token ? await deps.sessions.find(hashSecret(token)) : undefined;
      if (!pending || !pending.totpPending || fromSqlDateTime(pending.expiresAt) <= started) {
        return refuse(started, 'The sign-in has expired; enter your user name and password again');
      }
      const wait = await deps.limiter.blockedFor(pending.user.userName, ip);
      if (wait > 0) throw throttled(wait);
      const user = await deps.users.findById(pending.adminUserId);
      const counter = user?.totpSecret && user.status === 'active' ? await acceptTotp(user.totpSecret, code, started, user.totpLastCounter) : null;
      if (!user || counter === null) {
        await deps.limiter.fail(pending.user.userName, ip);
        noteRefusal(user, requestId, 'wrong TOTP code');
        return refuse(started, 'Wrong or already used code');
      }
      return openSession(user, ip, requestId, counter, pending.id);
    },

    /** Ends the session (a no-op without one). */
    async logout(token: string | undefined, requestId: string): Promise<void> {
      if (!token) return;
      const session = await deps.sessions.find(hashSecret(token));
      if (!session) return;
      await deps.sessions.delete(hashSecret(token));
      const user = await deps.users.findById(session.adminUserId);
      if (user && !session.totpPending) await deps.users.noteLogout(stampOf(user, requestId), user.id);
    },
  };
}

export type ConsoleLogin = ReturnType<typeof createConsoleLogin>;
