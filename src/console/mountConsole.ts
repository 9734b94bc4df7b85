import { join } from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SecurityLogAppender } from '../audit/SecurityLog.js';
import type { Config } from '../config/Config.js';
import type { Db } from '../db/Db.js';
import { systemRunner } from '../db/SqlRunner.js';
import type { Gateway } from '../gateway/createGateway.js';
import { packageRoot } from '../lib/packageRoot.js';
import { createConsoleLogin } from './createConsoleLogin.js';
import { createLoginLimiter } from './createLoginLimiter.js';
import { loadConsoleAssets } from './loadConsoleAssets.js';
import { registerConsoleRoutes } from './registerConsoleRoutes.js';

export interface MountConsoleDeps {
  config: Config;
  db: Db;
  gateway: Pick<Gateway, 'admins' | 'adminSessions'>;
  /** the installation's keyed security log (sign-ins and sign-outs are recorded) */
  securityLog: SecurityLogAppender;
  clock: () => Date;
  ipOf: (request: FastifyRequest) => string;
  onError?: (err: unknown) => void;
  /** overrides the sign-in's waits (tests record them) */
  delay?: (ms: number) => Promise<void>;
}

/** The console's per-process parts (built files, sign-in limits, sign-in) and its routes, from the configuration. */
export function mountConsole(app: FastifyInstance, deps: MountConsoleDeps) {
  const c = deps.config.console;
  const login = createConsoleLogin({
    users: deps.gateway.admins(systemRunner(deps.db, 'chartgate-console-login'), deps.securityLog),
    sessions: deps.gateway.adminSessions,
    limiter: createLoginLimiter({ maxPerUser: c.loginMaxFailures, maxPerIp: c.loginMaxFailuresPerIp, windowS: c.loginWindowS }),
    clock: deps.clock,
    sessionTtlS: c.sessionTtlS,
    failureDelayMs: c.loginFailureDelayMs,
    delay: deps.delay,
    onError: deps.onError,
  });
  registerConsoleRoutes(app, {
    assets: loadConsoleAssets(join(packageRoot(), 'dist', 'console')),
    login,
    ipOf: deps.ipOf,
    sessionTtlS: c.sessionTtlS,
    production: deps.config.env === 'production',
  });
  return { login };
}
