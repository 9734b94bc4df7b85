import { dirname, join } from 'node:path';
import { systemPrincipal } from '../auth/Principal.js';
import type { Config } from '../config/Config.js';
import { prepareDatabase } from '../db/prepareDatabase.js';
import { buildServer } from '../main.js';
import { say, type CliDeps } from './CliDeps.js';
import { ensureDemoAdmin } from './ensureDemoAdmin.js';
import { describeDemoClients, ensureDemoClients, type DemoClient } from './ensureDemoClients.js';
import type { ServeOptions } from './serveCommand.js';

const TRY_QUERY =
  '{ appointments(first: 3) { edges { node { scheduledAt status patient { firstName lastName } provider { abbreviation } operatory { name } procedures { code { code description } fee } } } } }';

/** Migrates (and seeds the embedded demo on first start), serves, prints how to try it; resolves once SIGINT/SIGTERM has stopped it. */
export async function serve(deps: CliDeps, options: ServeOptions): Promise<void> {
  const base = deps.loadConfig();
  const config: Config = Object.freeze({
    ...base,
    http: Object.freeze({ ...base.http, ...(options.port === undefined ? {} : { port: options.port }), ...(options.host ? { host: options.host } : {}) }),
  });
  const db = await deps.openDb(config);
  // production never gets the demo: no fake practice, no demo clients, no key on disk or stdout
  const demoWanted = config.env !== 'production';
  await prepareDatabase(db, { scale: config.seed.scale, asOf: new Date().toISOString().slice(0, 10), say, seedDemo: demoWanted });
  const server = await buildServer(config, db);
  // the demo's three clients, embedded database only; their keys are kept in the data directory
  const demo: DemoClient[] =
    demoWanted && db.dialect === 'sqlite' && config.auth.demoClients
      ? await ensureDemoClients(
          server.contexts({ principal: systemPrincipal(), requestId: 'demo-clients' }).services,
          join(dirname(config.db.sqliteFile), 'demo-keys.json'),
        )
      : [];
  // the console's first user, embedded demo only and never in production; its password is printed once
  const demoAdmin =
    db.dialect === 'sqlite' && config.console.demoAdmin && config.env !== 'production'
      ? await ensureDemoAdmin(
          server.contexts({ principal: { ...systemPrincipal(), scopes: new Set(['admin', 'admin:users']) }, requestId: 'demo-admin' }).services,
        )
      : null;
  const url = await server.listen();

  // resolves once a signal has stopped the server gracefully (the command then exits 0); a second signal cuts the grace period short
  const stopped = new Promise<void>((resolve, reject) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        void server.close({ graceMs: 0 });
        return;
      }
      stopping = true;
      say(`${signal}: finishing the requests in flight (at most ${config.http.shutdownGraceMs} ms), then stopping`);
      server
        .close()
        .then(() => db.destroy())
        .finally(() => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
        })
        .then(resolve, reject);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

  const where = db.dialect === 'sqlite' ? `embedded SQLite ${config.db.sqliteFile}` : `${db.flavor} (DATABASE_URL)`;
  say('');
  say(`chartgate is serving GraphQL at ${url}/graphql on ${where}`);
  say(
    `  console: open ${url}/admin in a browser${demoAdmin ? `  user ${demoAdmin.userName}  password ${demoAdmin.password}  (shown once: change it under My account)` : ''}`,
  );
  if (config.env !== 'production') say(`  IDE:   open ${url}/graphql in a browser`);
  const tryKey = demo.find((c) => c.role === 'dashboard')?.key ?? '<API key from chartgate clients create>';
  say(`  try:   curl -s ${url}/graphql -H 'content-type: application/json' -H 'authorization: Bearer ${tryKey}' -d '${JSON.stringify({ query: TRY_QUERY })}'`);
  say(`  probe: curl -s ${url}/healthz ; curl -s ${url}/readyz`);
  say(`  metrics: curl -s ${server.metrics.url() ?? ''}`);
  if (demo.length > 0) {
    say('');
    for (const line of describeDemoClients(demo, url)) say(line);
  }
  say('');
  await stopped;
}
