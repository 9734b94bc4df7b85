/**
 * The composition root and the `chartgate` command: loadConfig -> createDb -> (migrate, and
 * seed a demo practice into a new embedded database) -> createServer -> listen.
 * The only file that knows every part; everything per-process is built here and passed down.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyBaseLogger } from 'fastify';
import { createCli, type ServeOptions } from './cli/createCli.js';
import { migrateCommand } from './cli/migrateCommand.js';
import { seedCommand } from './cli/seedCommand.js';
import type { Config } from './config/Config.js';
import type { RequestContext } from './context.js';
import { loadConfig } from './config/loadConfig.js';
import { createDb, type Db } from './db/createDb.js';
import { runMigrate } from './db/runMigrate.js';
import { runSeed } from './db/runSeed.js';
import { createContextBuilder, type Authenticate } from './http/buildContext.js';
import { createIdentityEdge } from './http/createIdentityEdge.js';
import { clientsCommand } from './cli/clientsCommand.js';
import { keysCommand } from './cli/keysCommand.js';
import { logsCommand } from './cli/logsCommand.js';
import { apiCommand } from './cli/apiCommand.js';
import { auditCommand } from './cli/auditCommand.js';
import { dbCommand } from './cli/dbCommand.js';
import { describeDemoClients, ensureDemoClients, type DemoClient } from './cli/ensureDemoClients.js';
import { createServer, type ChartgateServer } from './http/createServer.js';
import { registerDisconnectKill } from './http/registerDisconnectKill.js';
import { createGovernor } from './governor/createGovernor.js';
import { assertClientActive } from './auth/assertClientActive.js';
import { createOperationsService } from './services/operations/operations.service.js';
import { createSqlRunner } from './db/SqlRunner.js';
import { operationsCommand } from './cli/operationsCommand.js';
import { Registry } from 'prom-client';
import { createIdempotencyPlugin } from './http/createIdempotencyPlugin.js';
import { createIdempotencyStore } from './audit/createIdempotencyStore.js';
import { buildSchema } from './schema/buildSchema.js';
import { resolvers } from '../resolvers/index.js';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/** Opens the database the configuration names (embedded SQLite when DATABASE_URL is unset). */
export function openDb(config: Config): Promise<Db> {
  return createDb({
    url: config.db.url,
    sqliteFile: config.db.sqliteFile,
    replicaUrl: config.db.readReplicaUrl,
    readUrl: config.db.readUrl,
    interactivePoolSize: config.db.poolInteractive,
    reportingPoolSize: config.db.poolReporting,
    reportingQueueLimit: config.db.reportingQueue,
  });
}

/** Migrates; on the embedded database also seeds the demo practice the first time (no patients yet). */
async function prepareDatabase(config: Config, db: Db, say: (line: string) => void): Promise<void> {
  await runMigrate(db);
  if (db.dialect !== 'sqlite') return; // never seed a real practice database
  const { count } = await db.interactive
    .selectFrom('patient')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  if (Number(count) > 0) return;
  say(`Seeding a ${config.seed.scale} practice into ${config.db.sqliteFile} (first start only)...`);
  await runSeed(db, { scale: config.seed.scale, seed: 1 });
}

export interface BuildServerOverrides {
  /** replaces src/auth's authenticator (tests) */
  authenticate?: Authenticate;
  /** Apollo plugins added after the edge's own */
  plugins?: ApolloServerPlugin<RequestContext>[];
}

/** Builds the server from a config and an open database; used by `serve` and the e2e tests. */
export async function buildServer(config: Config, db: Db, overrides: BuildServerOverrides = {}): Promise<ChartgateServer> {
  const schema = buildSchema(resolvers);
  // identity: API keys / OAuth tokens, IP lists, kill switches, scope check, OAuth routes, integration log
  let log: FastifyBaseLogger | undefined;
  const identity = createIdentityEdge({
    config,
    db,
    schema,
    log: { warn: (o, m) => log?.warn(o, m), error: (o, m) => log?.error(o, m) },
  });
  // governor: limits, cost, budgets, in-flight caps, statement deadlines, certification, metrics
  const registry = new Registry();
  const operations = createOperationsService({
    db: db.admin,
    runner: createSqlRunner(db, { clientId: 0, requestId: 'chartgate-operations' }),
    clock: () => new Date(),
    costOf: () => 0,
  });
  const governor = createGovernor({
    config: config.governor,
    schema,
    clientOf: (clientId) => identity.identity.store.current().clients.get(clientId),
    isCertified: (clientId, hash) => operations.isCertified(clientId, hash),
    registry,
    // the practice database's identity, without credentials: instances on one database share buckets
    namespace: createHash('sha256').update(db.identity).digest('hex').slice(0, 12),
  });
  return createServer({
    config,
    db,
    schema,
    introspection: 'per-client',
    context: createContextBuilder({
      db,
      authenticate: overrides.authenticate ?? identity.authenticate,
      runnerOptions: ({ principal }) => {
        const governed = governor.runnerOptions(principal);
        const logged = identity.observerFor(principal);
        return {
          deadlineMs: governed.deadlineMs,
          // a suspension noticed mid-request stops the request's next statement, not only its next request
          admit: () => assertClientActive(identity.identity.store.current(), principal.clientId),
          observer: { onStatement: (e) => { logged?.onStatement(e); governed.observer?.onStatement(e); } },
        };
      },
      clients: { keyRotationGraceS: config.auth.keyRotationGraceS, afterChange: () => identity.identity.store.refresh() },
    }),
    // Idempotency-Key claims run after every plugin's didResolveOperation (scopes, cost) accepted the request
    plugins: [
      ...identity.plugins<RequestContext>(),
      governor.plugin<RequestContext>(),
      createIdempotencyPlugin(createIdempotencyStore(db)),
      ...(overrides.plugins ?? []),
    ],
    configureApp: async (app) => {
      log = app.log;
      // flush the integration log and last-use times after in-flight requests finish
      app.addHook('onClose', async () => {
        await identity.stop();
        await governor.close();
      });
      registerDisconnectKill(app, (requestId) => db.killByMarker(`r=${requestId} `), (err) => log?.warn({ err }, 'KILL QUERY after disconnect failed'));
      app.get('/metrics', async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()));
      await identity.start();
      await identity.configureApp(app);
    },
  });
}

async function serve(options: ServeOptions): Promise<void> {
  const base = loadConfig();
  const config: Config = Object.freeze({
    ...base,
    http: Object.freeze({ ...base.http, ...(options.port === undefined ? {} : { port: options.port }), ...(options.host ? { host: options.host } : {}) }),
  });
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const db = await openDb(config);
  await prepareDatabase(config, db, say);
  // the demo's three clients, embedded database only; their keys are kept in the data directory
  const demo: DemoClient[] =
    db.dialect === 'sqlite' && config.auth.demoClients
      ? await ensureDemoClients(db, join(dirname(config.db.sqliteFile), 'demo-keys.json'))
      : [];
  const server = await buildServer(config, db);
  const url = await server.listen();

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await server.close();
    await db.destroy();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());

  const where = db.dialect === 'sqlite' ? `embedded SQLite ${config.db.sqliteFile}` : `${db.flavor} (DATABASE_URL)`;
  const query =
    '{ appointments(first: 3) { edges { node { scheduledAt status patient { firstName lastName } provider { abbreviation } operatory { name } procedures { code { code description } fee } } } } }';
  say('');
  say(`chartgate is serving GraphQL at ${url}/graphql on ${where}`);
  if (config.env !== 'production') say(`  IDE:   open ${url}/graphql in a browser`);
  const tryKey = demo.find((c) => c.role === 'dashboard')?.key ?? '<API key from chartgate clients create>';
  say(`  try:   curl -s ${url}/graphql -H 'content-type: application/json' -H 'authorization: Bearer ${tryKey}' -d '${JSON.stringify({ query })}'`);
  say(`  probe: curl -s ${url}/healthz ; curl -s ${url}/readyz`);
  if (demo.length > 0) {
    say('');
    for (const line of describeDemoClients(demo, url)) say(line);
  }
  say('');
}

export async function main(argv: readonly string[]): Promise<void> {
  const cli = createCli({
    version: packageJson.version,
    serve,
    commands: [
      migrateCommand({ loadConfig, openDb }),
      seedCommand({ loadConfig, openDb }),
      clientsCommand({ loadConfig, openDb }),
      keysCommand({ loadConfig, openDb }),
      apiCommand({ loadConfig, openDb }),
      logsCommand({ loadConfig, openDb }),
      operationsCommand({ loadConfig, openDb }),
      auditCommand({ loadConfig, openDb }),
      dbCommand({ loadConfig, openDb }),
    ],
  });
  await cli.parseAsync([...argv]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv).catch((error: unknown) => {
    process.stderr.write(`chartgate: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
