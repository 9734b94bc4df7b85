import type { FastifyInstance } from 'fastify';
import type { ConfigInput } from '../../src/config/Config.js';
import type { Db } from '../../src/db/createDb.js';
import type { Chartgate } from '../../src/main.js';
import { createTestServer } from '../harness/harness.js';

/** A server on an existing database with the harness's test identity settings (drive it with inject). */
export function identityServer(db: Db, auth: NonNullable<ConfigInput['auth']> = {}): Promise<Chartgate> {
  return createTestServer(db, { config: { auth } });
}

export interface GqlResult {
  status: number;
  body: { data?: any; errors?: Array<{ message: string; extensions?: Record<string, any> }>; extensions?: Record<string, any> };
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
