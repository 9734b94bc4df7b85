import type { FastifyInstance } from 'fastify';
import { parseConfig } from '../../src/config/loadConfig.js';
import type { ConfigInput } from '../../src/config/Config.js';
import type { Db } from '../../src/db/createDb.js';
import { buildServer } from '../../src/main.js';
import type { ChartgateServer } from '../../src/http/createServer.js';

/** A server on an existing database with test-friendly identity settings. */
export async function identityServer(db: Db, auth: NonNullable<ConfigInput['auth']> = {}): Promise<ChartgateServer> {
  const config = parseConfig({
    env: 'test',
    logLevel: 'silent',
    http: { port: 0 },
    auth: { tokenSecret: 'e2e-secret-'.padEnd(40, 'x'), pollMs: 250, requestLogFlushMs: 50, demoClients: false, ...auth },
  });
  return buildServer(config, db);
}

export interface GqlResult {
  status: number;
  body: { data?: any; errors?: Array<{ message: string; extensions?: Record<string, any> }> };
}

/** POST /graphql through Fastify's inject (no socket); remoteAddress and headers are the test's. */
export async function gql(
  app: FastifyInstance,
  query: string,
  opts: { key?: string; variables?: Record<string, unknown>; headers?: Record<string, string>; remoteAddress?: string } = {},
): Promise<GqlResult> {
  const res = await app.inject({
    method: 'POST',
    url: '/graphql',
    remoteAddress: opts.remoteAddress,
    headers: { 'content-type': 'application/json', ...(opts.key ? { authorization: `Bearer ${opts.key}` } : {}), ...opts.headers },
    payload: JSON.stringify({ query, variables: opts.variables }),
  });
  return { status: res.statusCode, body: res.json() };
}

export const codeOf = (r: GqlResult) => r.body.errors?.[0]?.extensions?.code;
