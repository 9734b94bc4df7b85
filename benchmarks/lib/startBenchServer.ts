import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../../src/context.js';
import type { Db } from '../../src/db/createDb.js';
import { ENV_VARS, loadConfig } from '../../src/config/loadConfig.js';
import { buildServer, openDb } from '../../src/main.js';
import { perRowLoadersPlugin } from './perRowLoadersPlugin.js';

/** Which chartgate to start. */
export interface ServerVariant {
  /** every governor guard on (the default) or off */
  governor?: 'on' | 'off';
  /** the batching scenario's per-row arm */
  perRowLoaders?: boolean;
  /** extra environment variables, parsed by the same loadConfig/zod path as production */
  env?: Record<string, string>;
  /** open a Db of its own from the variant's config (pool settings in `env`), closed with the server */
  ownDb?: boolean;
  /** run in a child process of its own (implies ownDb): a second instance whose load must not share this event loop */
  ownProcess?: boolean;
}

export interface BenchServer {
  /** http://127.0.0.1:port/graphql */
  url: string;
  close(): Promise<void>;
}

/** The benchmarks' audit key: fixed, so a reused dataset's security log keeps verifying across runs. */
export const BENCH_AUDIT_KEY = 'chartgate-benchmarks-audit-key-not-a-secret';

/** The environment every bench server starts from (before the variant's own). */
export function baseEnv(mysqlUrl: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    // errors reach the figures as codes; per-request error logs under deliberate overload would flood the terminal
    LOG_LEVEL: 'fatal',
    DATABASE_URL: mysqlUrl,
    HOST: '127.0.0.1',
    PORT: '0',
    METRICS_PORT: '0',
    AUDIT_KEY: BENCH_AUDIT_KEY,
  };
}

/** The environment variable that switches every governor guard off. */
const GOVERNOR_OFF_ENV: Record<string, string> = { GOVERNOR_ENABLED: 'false' };

/** Whether the config knows the governor switch; if not, "governor off" servers equal "on" ones. */
export const governorSwitchExists = (): boolean => Object.keys(GOVERNOR_OFF_ENV).every((name) => name in ENV_VARS);

/** Starts chartgate in this process, built exactly as `chartgate serve` builds it, on a free port. */
export async function startBenchServer(db: Db | null, mysqlUrl: string, variant: ServerVariant = {}): Promise<BenchServer> {
  const env = { ...baseEnv(mysqlUrl), ...(variant.governor === 'off' ? GOVERNOR_OFF_ENV : {}), ...variant.env };
  const config = loadConfig(env);
  const plugins: ApolloServerPlugin<RequestContext>[] = variant.perRowLoaders ? [perRowLoadersPlugin()] : [];
  const serverDb = variant.ownDb || !db ? await openDb(config) : db;
  try {
    const server = await buildServer(config, serverDb, { plugins });
    const base = await server.listen();
    return {
      url: `${base}/graphql`,
      async close() {
        await server.close();
        if (serverDb !== db) await serverDb.destroy();
      },
    };
  } catch (error) {
    if (serverDb !== db) await serverDb.destroy();
    throw error;
  }
}
