import type { Principal } from '../../../src/auth/Principal.js';
import { systemPrincipal } from '../../../src/auth/Principal.js';
import { createSessionAuthenticator } from '../../../src/auth/createSessionAuthenticator.js';
import { createConsoleLogin } from '../../../src/console/createConsoleLogin.js';
import { createLoginLimiter } from '../../../src/console/createLoginLimiter.js';
import type { Db } from '../../../src/db/Db.js';
import { systemRunner } from '../../../src/db/SqlRunner.js';
import { createGateway } from '../../../src/gateway/createGateway.js';
import type { AdminUserView } from '../../../src/gateway/admins/types.js';
import { scopesOfRole } from '../../../src/lib/consoleRoles.js';
import { verifyPassword } from '../../../src/lib/passwordHash.js';
import { servicesAs, testSecurityLog } from '../../harness/harness.js';

export const PASSWORD = 'correct horse battery';

/** The CLI's principal for console users: chartgate itself with admin:users. */
const userAdmin = (): Principal => ({ ...systemPrincipal(), scopes: new Set(['admin', 'admin:users']) });

export const adminsOf = (db: Db, principal: Principal = userAdmin(), clock?: () => Date) => servicesAs(db, principal, { clock }).admins;

export const createAdmin = (db: Db, userName: string, role: string, password = PASSWORD): Promise<AdminUserView> =>
  adminsOf(db).create({ userName, role, password });

/** What a console session of this user authenticates as (src/auth/createSessionAuthenticator.ts). */
export const sessionPrincipal = (u: AdminUserView, sessionId = 0): Principal => ({
  clientId: 0,
  clientName: 'chartgate console',
  keyId: 0,
  scopes: scopesOfRole(u.role),
  clinicIds: null,
  actingUser: { userNum: u.userNum, userName: u.userName },
  admin: { id: u.id, userName: u.userName, role: u.role, sessionId },
});

/** A settable clock. */
export function testClock(start = Date.UTC(2026, 10, 1, 12, 0, 0)) {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => void (now += ms), set: (ms: number) => void (now = ms) };
}

/** The sign-in and the session check on `db`, with recorded waits and counted password checks. */
export function consoleAuth(db: Db, opts: { clock: () => Date; maxPerUser?: number; failureDelayMs?: number; ttlS?: number; idleS?: number }) {
  const gateway = createGateway(db, opts.clock);
  const waits: number[] = [];
  const verifications: Array<string | null> = [];
  const login = createConsoleLogin({
    users: gateway.admins(systemRunner(db, 'test-login'), testSecurityLog),
    sessions: gateway.adminSessions,
    limiter: createLoginLimiter({ maxPerUser: opts.maxPerUser ?? 5, maxPerIp: 100, windowS: 900 }),
    clock: opts.clock,
    sessionTtlS: opts.ttlS ?? 3600,
    failureDelayMs: opts.failureDelayMs ?? 800,
    delay: async (ms) => void waits.push(ms),
    verify: async (password, hash) => {
      verifications.push(hash);
      return verifyPassword(password, hash);
    },
  });
  const authenticate = createSessionAuthenticator({ sessions: gateway.adminSessions, clock: opts.clock, idleTimeoutS: opts.idleS ?? 1800 });
  return { login, authenticate, waits, verifications, gateway };
}
