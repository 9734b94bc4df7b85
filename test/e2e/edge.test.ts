import { makeExecutableSchema } from '@graphql-tools/schema';
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/loadConfig.js';
import type { RequestContext } from '../../src/context.js';
import type { Db } from '../../src/db/createDb.js';
import { createServer, type ChartgateServer } from '../../src/http/createServer.js';
import { DomainError, notFound } from '../../src/lib/DomainError.js';
import { ErrorCode } from '../../src/lib/ErrorCode.js';
import { TEST_AUDIT_KEY } from '../harness/harness.js';

/**
 * The HTTP edge alone, over an inline schema (no database behind /graphql): error mapping,
 * masking, status codes, body handling and GraphQL-over-HTTP conformance. The real server
 * with a seeded database is test/e2e/server.test.ts.
 */
const schema = makeExecutableSchema({
  typeDefs: /* GraphQL */ `
    type Query {
      hello(name: String): String
      patient(id: ID!): String!
      broken: String
      unavailable: String!
    }
    type Mutation {
      touch: Int
    }
  `,
  resolvers: {
    Query: {
      hello: (_: unknown, { name }: { name?: string }) => `hello ${name ?? 'world'}`,
      patient: (_: unknown, { id }: { id: string }) => {
        throw notFound('Patient', id);
      },
      broken: () => {
        throw new Error("ER_BAD_FIELD_ERROR: Unknown column 'LName' in 'field list' SELECT LName FROM patient");
      },
      unavailable: () => {
        throw new DomainError(ErrorCode.DATABASE_UNAVAILABLE, 'The database cannot be reached; retry shortly');
      },
    },
    Mutation: { touch: () => 1 },
  },
});

// /graphql never touches it; /readyz is covered with real databases in server.test.ts
const noDb = { dialect: 'sqlite', flavor: 'sqlite', ping: async () => undefined } as unknown as Db;

let server: ChartgateServer;
let url: string;

beforeAll(async () => {
  server = await createServer({
    config: parseConfig({ env: 'test', logLevel: (process.env.EDGE_LOG as 'info') ?? 'silent', http: { port: 0, bodyLimitBytes: 4096 } }),
    db: noDb,
    schema,
    context: async (request) => ({ requestId: request.id }) as unknown as RequestContext,
  });
  url = `${await server.listen()}/graphql`;
});
afterAll(async () => {
  await server?.close();
});

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

function expectNoLeak(text: string) {
  expect(text).not.toMatch(/stacktrace|\s+at\s.*:\d+:\d+|\bER_|SELECT|LName|Did you mean/);
}

describe('HTTP edge (inline schema, no database)', () => {
  it('answers a query with 200 and echoes a plain X-Request-Id', async () => {
    const res = await post({ query: '{ hello(name: "chart") }' }, { 'x-request-id': 'abc-123' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('abc-123');
    expect(await res.json()).toEqual({ data: { hello: 'hello chart' } });
  });

  it('generates a request id when the caller sends none or an unsafe one', async () => {
    const res = await post({ query: '{ hello }' }, { 'x-request-id': 'bad id\twith spaces' });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('maps a DomainError with no data to its code and HTTP status', async () => {
    const res = await post({ query: '{ patient(id: "99") }' });
    expect(res.status).toBe(404);
    const body = await res.json();
    expect(body.data).toBeNull();
    expect(body.errors[0]).toMatchObject({ message: 'Patient 99 was not found', path: ['patient'], extensions: { code: 'NOT_FOUND', id: '99' } });
  });

  it('answers DATABASE_UNAVAILABLE with 503', async () => {
    const res = await post({ query: '{ unavailable }' });
    expect(res.status).toBe(503);
    expect((await res.json()).errors[0].extensions.code).toBe('DATABASE_UNAVAILABLE');
  });

  it('masks unexpected errors with the request id and no SQL, keeping partial data at 200', async () => {
    const res = await post({ query: '{ hello broken }' });
    expect(res.status).toBe(200);
    const text = await res.text();
    expectNoLeak(text);
    const body = JSON.parse(text);
    expect(body.data).toEqual({ hello: 'hello world', broken: null });
    expect(body.errors[0].message).toBe('Internal server error');
    expect(body.errors[0].extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', requestId: res.headers.get('x-request-id') });
  });

  it('gives no "Did you mean" suggestions', async () => {
    const res = await post({ query: '{ helo }' });
    expect(res.status).toBe(400);
    const text = await res.text();
    expectNoLeak(text);
    expect(JSON.parse(text).errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('answers a body that is not JSON with 400 BAD_USER_INPUT', async () => {
    const res = await post('{"query": ');
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_JSON' });
    expectNoLeak(JSON.stringify(body));
  });

  it('answers an unsupported content type with 415 BAD_USER_INPUT', async () => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<query/>' });
    expect(res.status).toBe(415);
    expect((await res.json()).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('answers an oversized body with 413 BAD_USER_INPUT', async () => {
    const res = await post({ query: `{ hello(name: "${'x'.repeat(5000)}") }` });
    expect(res.status).toBe(413);
    expect((await res.json()).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'BODY_TOO_LARGE', maximum: 4096 });
  });

  it('serves queries over GET but refuses mutations over GET with 405', async () => {
    const headers = { 'apollo-require-preflight': 'true' };
    const ok = await fetch(`${url}?query=${encodeURIComponent('{ hello }')}`, { headers });
    expect(ok.status).toBe(200);
    const refused = await fetch(`${url}?query=${encodeURIComponent('mutation { touch }')}`, { headers });
    expect(refused.status).toBe(405);
  });

  it('blocks a simple (CSRF-able) GET without a preflight header', async () => {
    const res = await fetch(`${url}?query=${encodeURIComponent('{ hello }')}`);
    expect(res.status).toBe(400);
  });

  it('passes every MUST-level graphql-http server audit', async () => {
    const failures: string[] = [];
    for (const audit of serverAudits({ url })) {
      const result = await audit.fn();
      if (audit.name.startsWith('MUST') && result.status !== 'ok') failures.push(`${audit.name}: ${'reason' in result ? result.reason : ''}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('HTTP edge in production (inline schema, no database)', () => {
  let prod: ChartgateServer;
  let prodUrl: string;
  beforeAll(async () => {
    prod = await createServer({
      config: parseConfig({ env: 'production', logLevel: 'silent', http: { port: 0 }, audit: { key: TEST_AUDIT_KEY } }),
      db: noDb,
      schema,
      context: async (request) => ({ requestId: request.id }) as unknown as RequestContext,
    });
    prodUrl = `${await prod.listen()}/graphql`;
  });
  afterAll(async () => {
    await prod?.close();
  });

  it('serves no IDE landing page and refuses introspection', async () => {
    const page = await fetch(prodUrl, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toMatch(/<html|sandbox|explorer/i);
    // no CDN landing page in any environment: chartgate's own GraphiQL is mounted by main.ts (test/e2e/consoleHttp.test.ts)
    const devPage = await fetch(url, { headers: { accept: 'text/html' } });
    expect(await devPage.text()).not.toMatch(/<html|sandbox|apollographql/i);
    const res = await fetch(prodUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __schema { types { name } } }' }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
