import { randomUUID } from 'node:crypto';
import { systemPrincipal } from '../auth/Principal.js';
import { adminSettingsOf } from '../config/adminSettingsOf.js';
import { createRequestContextFactory } from '../context.js';
import type { Db } from '../db/Db.js';
import { createWebhookPolicy } from '../events/createWebhookPolicy.js';
import { createGateway, type Gateway } from '../gateway/createGateway.js';
import { createKillSwitch } from '../killSwitch/createKillSwitch.js';
import type { Services } from '../services/createServices.js';
import type { SecurityLogAppender } from '../audit/SecurityLog.js';
import type { CliDeps } from './CliDeps.js';
import { openSecurityLog } from './openSecurityLog.js';

/**
 * Runs one admin action as chartgate itself (ProgramNum 0), through the same request-context
 * factory the server uses, then closes the database. Actions land in the security log like the
 * GraphQL ones. Never creates a database: a missing SQLite file is DATABASE_UNAVAILABLE.
 */
export async function withAdmin<T>(
  deps: CliDeps,
  fn: (services: Services, parts: { db: Db; gateway: Gateway; securityLog: SecurityLogAppender }) => Promise<T>,
  /** scopes beyond `admin` the command acts with (e.g. admin:users for `chartgate admins`) */
  extraScopes: readonly string[] = [],
): Promise<T> {
  const config = deps.loadConfig();
  const db = await deps.openDb(config, { create: false });
  try {
    const gateway = createGateway(db);
    // no identity snapshot here: the switch writes the row and kills this database's statements at once
    const killSwitch = createKillSwitch({ db });
    const securityLog = openSecurityLog(config, { create: true });
    const contexts = createRequestContextFactory({
      db,
      admin: {
        gateway,
        killSwitch,
        ...adminSettingsOf(config),
        webhooks: createWebhookPolicy(config.webhooks),
      },
      securityLog,
    });
    const principal = extraScopes.length === 0 ? systemPrincipal() : { ...systemPrincipal(), scopes: new Set(['admin', ...extraScopes]) };
    const { services } = contexts({ principal, requestId: `cli-${randomUUID()}` });
    return await fn(services, { db, gateway, securityLog });
  } finally {
    await db.destroy();
  }
}
