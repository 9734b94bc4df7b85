import type { ConfigInput } from '../../../src/config/Config.js';
import { parseConfig } from '../../../src/config/loadConfig.js';
import type { Db } from '../../../src/db/createDb.js';
import { runMigrate } from '../../../src/db/runMigrate.js';
import { runSeed } from '../../../src/db/runSeed.js';
import type { ChartgateServer } from '../../../src/http/createServer.js';
import { createDevAuthenticator } from '../../../src/http/createDevAuthenticator.js';
import { buildServer, type BuildServerOverrides } from '../../../src/main.js';

export interface StartedChartgate {
  server: ChartgateServer;
  /** http://127.0.0.1:<port> */
  base: string;
  /** base + /graphql */
  url: string;
  post(body: unknown, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

/**
 * Migrates and seeds the demo practice into db, then starts the real server (main.ts's
 * buildServer) on port 0. Requests act as the development principal (all read scopes) unless
 * overrides.authenticate is given: these suites test the edge and the read API, the identity
 * room's suites test credentials.
 */
export async function startChartgate(db: Db, opts: { seed?: boolean; config?: ConfigInput; overrides?: BuildServerOverrides } = {}): Promise<StartedChartgate> {
  await runMigrate(db);
  if (opts.seed !== false) await runSeed(db, { scale: 'demo', seed: 1 });
  const config = parseConfig({ env: 'test', logLevel: 'silent', ...opts.config, http: { port: 0, ...opts.config?.http } });
  const server = await buildServer(config, db, { authenticate: createDevAuthenticator(), ...opts.overrides });
  const base = await server.listen();
  const url = `${base}/graphql`;
  return {
    server,
    base,
    url,
    post: (body, headers = {}) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    close: () => server.close(),
  };
}

/** Fails when a response text shows a stack trace, SQL or a schema suggestion. */
export const LEAK = /stacktrace|\s+at\s.*:\d+:\d+|\bER_|SQLITE_|\bSELECT\b|\bFROM\b|Did you mean/;
