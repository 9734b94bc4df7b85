import type { ConfigInput } from '../../../src/config/Config.js';
import type { Db } from '../../../src/db/createDb.js';
import { runMigrate } from '../../../src/db/runMigrate.js';
import type { BuildServerOverrides } from '../../../src/main.js';
import { seedDemo, startServer, type StartedServer } from '../../harness/harness.js';
import { createDevAuthenticator } from '../../support/createDevAuthenticator.js';

export type StartedChartgate = StartedServer;

/**
 * Migrates and seeds the demo practice into db, then starts the real server on port 0. Requests
 * act as the development principal (all read scopes) unless overrides.authenticate is given:
 * these suites test the edge and the read API, the identity suites test credentials.
 */
export async function startChartgate(db: Db, opts: { seed?: boolean; config?: ConfigInput; overrides?: BuildServerOverrides } = {}): Promise<StartedChartgate> {
  await runMigrate(db);
  if (opts.seed !== false) await seedDemo(db);
  return startServer(db, { config: opts.config, overrides: { authenticate: createDevAuthenticator(), ...opts.overrides } });
}

/** Fails when a response text shows a stack trace, SQL or a schema suggestion. */
export const LEAK = /stacktrace|\s+at\s.*:\d+:\d+|\bER_|SQLITE_|\bSELECT\b|\bFROM\b|Did you mean/;
