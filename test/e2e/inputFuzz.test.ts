import { getNamedType, isEnumType, isInputObjectType, isLeafType, isListType, isNonNullType, type GraphQLInputType, type GraphQLObjectType } from 'graphql';
import { describe, expect } from 'vitest';
import { resolvers } from '../../resolvers/index.js';
import { buildSchema } from '../../src/schema/buildSchema.js';
import { createTestServer, harness, matrix, seedDemo } from '../harness/harness.js';
import { adminService } from '../integration/auth/identityFixture.js';
import { BOUNDARY_VALUES, enumValues } from './support/boundaryValues.js';
import { baselinesOf, positionsOf, requiredFieldsOf, type Baseline, type Path } from './support/inputBaselines.js';

const schema = buildSchema(resolvers);
const ALL_SCOPES = ['patients', 'schedule', 'clinical', 'billing'].flatMap((d) => [`${d}:read`, `${d}:write`]).concat(['reports:read', 'audit:read', 'admin']);

/** The values to try at a position: its type's boundaries, and for lists and input objects their own. */
function valuesFor(type: GraphQLInputType): unknown[] {
  const unwrapped = isNonNullType(type) ? type.ofType : type;
  if (isListType(unwrapped)) return [[], null, 'not a list', Array.from({ length: 101 }, () => null)];
  const named = getNamedType(type);
  if (isEnumType(named)) return enumValues(named.getValues().map((v) => v.name));
  if (isInputObjectType(named)) return [{}, null, 'not an object', [], { unknownField: 1 }];
  return [...(BOUNDARY_VALUES[named.name] ?? [])];
}

/** Sets `value` at `path` in a copy of `args`, creating missing parents from their baselines. */
function withValue(args: Record<string, unknown>, path: Path, value: unknown, parents: Array<() => unknown>): Record<string, unknown> {
  const copy = structuredClone(args);
  let node: Record<string | number, unknown> = copy;
  path.forEach((key, i) => {
    if (i === path.length - 1) node[key] = value;
    else {
      if (node[key] === undefined || node[key] === null) node[key] = parents[i]!();
      node = node[key] as Record<string | number, unknown>;
    }
  });
  return copy;
}

interface Case {
  label: string;
  query: string;
  variables: Record<string, unknown>;
}

/** One request per (root field, position, value), every argument through a variable. */
function casesOf(kind: 'query' | 'mutation', root: GraphQLObjectType, baseline: Baseline): Case[] {
  const cases: Case[] = [];
  for (const field of Object.values(root.getFields())) {
    const selection = isLeafType(getNamedType(field.type)) ? '' : '{ __typename }';
    const defs = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
    const call = field.args.length > 0 ? `(${field.args.map((a) => `${a.name}: $${a.name}`).join(', ')})` : '';
    const query = `${kind} Fuzz${defs ? `(${defs})` : ''} { ${field.name}${call} ${selection} }`;
    const base = requiredFieldsOf(root.name, field.args, baseline);
    cases.push({ label: `${field.name} (baseline)`, query, variables: base });
    for (const arg of field.args) {
      for (const position of positionsOf(root.name, arg, [arg.name])) {
        // a missing parent on the way down is filled with its required fields
        const parents = position.path.map((_, i) => () => {
          const next = position.path[i + 1];
          if (typeof next === 'number') return [];
          const at = position.path.slice(0, i + 1);
          const owner = positionsOf(root.name, arg, [arg.name]).find((p) => JSON.stringify(p.path) === JSON.stringify(at));
          const named = owner ? getNamedType(owner.type) : undefined;
          return isInputObjectType(named) ? requiredFieldsOf(named.name, Object.values(named.getFields()), baseline) : {};
        });
        for (const value of valuesFor(position.type)) {
          cases.push({
            label: `${field.name} ${position.path.join('.')} = ${JSON.stringify(value)?.slice(0, 40)}`,
            query,
            variables: withValue(base, position.path, value, parents),
          });
        }
      }
    }
  }
  return cases;
}

describe.each(matrix())('[%s] no input a client can send answers 500', (_name, dialect) => {
  const it = harness(dialect);

  it('every argument and input field of the schema, at every boundary', { timeout: 600_000 }, async ({ db }) => {
    await seedDemo(db);
    const admin = adminService(db);
    // victims first, so the low ids the fuzzer sends hit them, never the fuzzing client itself
    const victims = [];
    for (const n of [1, 2, 3]) victims.push(await admin.create({ name: `victim ${n}`, kind: 'dashboard', scopes: ['patients:read'] }));
    const fuzzer = await admin.create({ name: 'fuzzer', kind: 'internal', scopes: ALL_SCOPES });
    const baseline = await baselinesOf(db, { clientId: victims[2]!.client.id, keyId: victims[2]!.key.id });
    const server = await createTestServer(db, {
      config: { governor: { budgetMaximum: 100_000_000, budgetRestorePerSecond: 10_000_000, maxInFlight: 64 } },
    });
    try {
      const cases = [...casesOf('query', schema.getQueryType()!, baseline), ...casesOf('mutation', schema.getMutationType()!, baseline)];
      const failures: string[] = [];
      const statuses = new Map<number, number>();
      for (const c of cases) {
        const res = await server.app.inject({
          method: 'POST',
          url: '/graphql',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${fuzzer.key.key}` },
          payload: JSON.stringify({ query: c.query, variables: c.variables }),
        });
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        const body = res.json() as { errors?: Array<{ extensions?: { code?: string } }> };
        // 503/504 (load shedding, a statement deadline) describe the server's state, not the input; 500 is a bug
        if (res.statusCode === 500 || (body.errors ?? []).some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR')) {
          failures.push(`${c.label} -> ${res.statusCode} ${res.body.slice(0, 160)}`);
        }
      }
      expect(failures).toEqual([]);
      // the fuzzer reached past validation: most baselines succeed, and the values were judged by the services too
      expect(cases.length).toBeGreaterThan(1000);
      expect(statuses.get(200) ?? 0).toBeGreaterThan(100);
      expect(statuses.get(400) ?? 0).toBeGreaterThan(100);
    } finally {
      await server.close();
    }
  });
});

describe.each(matrix())('[%s] request shapes at the edge answer 4xx', (_name, dialect) => {
  const it = harness(dialect);

  it('bodies, encodings, persisted queries, subscriptions, headers and OAuth credentials', async ({ db }) => {
    await seedDemo(db);
    const admin = adminService(db);
    const client = await admin.create({ name: 'edge', kind: 'internal', scopes: ALL_SCOPES });
    const clinic = await db.interactive.selectFrom('clinic').select('ClinicNum').orderBy('ClinicNum').executeTakeFirstOrThrow();
    const server = await createTestServer(db);
    const auth = { authorization: `Bearer ${client.key.key}` };
    const post = (payload: string | Buffer, headers: Record<string, string> = {}, url = '/graphql') =>
      server.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...auth, ...headers }, payload });
    const codes = (res: { json(): unknown }) =>
      ((res.json() as { errors?: Array<{ extensions?: { code?: string } }> }).errors ?? []).map((e) => e.extensions?.code);
    try {
      const viewer = '{ viewer { scopes } }';
      const create = JSON.stringify({
        query: 'mutation($i: CreatePatientInput!) { createPatient(input: $i) { patient { id } } }',
        variables: { i: { firstName: 'Head', lastName: 'Er', clinicId: String(clinic.ClinicNum) } },
      });
      const cases: Array<[string, () => Promise<{ statusCode: number; headers: Record<string, unknown>; json(): unknown; body: string }>, number, string?]> = [
        [
          'persisted query with the wrong hash',
          () => post(JSON.stringify({ query: viewer, extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } })),
          400,
          'PERSISTED_QUERY_HASH_MISMATCH',
        ],
        [
          'persisted query version 2',
          () => post(JSON.stringify({ query: viewer, extensions: { persistedQuery: { version: 2, sha256Hash: 'abc' } } })),
          400,
          'PERSISTED_QUERY_INVALID',
        ],
        ['persistedQuery not an object', () => post(JSON.stringify({ query: viewer, extensions: { persistedQuery: 'x' } })), 400, 'PERSISTED_QUERY_INVALID'],
        ['persistedQuery a list', () => post(JSON.stringify({ query: viewer, extensions: { persistedQuery: [1] } })), 400, 'PERSISTED_QUERY_INVALID'],
        ['subscription over HTTP', () => post(JSON.stringify({ query: 'subscription { viewer { scopes } }' })), 400, 'GRAPHQL_VALIDATION_FAILED'],
        [
          'subscription over GET',
          () =>
            server.app.inject({
              method: 'GET',
              url: `/graphql?query=${encodeURIComponent('subscription { viewer { scopes } }')}`,
              headers: { 'content-type': 'application/json', ...auth },
            }),
          400,
          'GRAPHQL_VALIDATION_FAILED',
        ],
        ['charset latin1', () => post(JSON.stringify({ query: viewer }), { 'content-type': 'application/json; charset=latin1' }), 415, 'BAD_USER_INPUT'],
        [
          'charset quoted utf-16',
          () => post(JSON.stringify({ query: viewer }), { 'content-type': 'application/json; charset="UTF-16"' }),
          415,
          'BAD_USER_INPUT',
        ],
        ['a byte-order mark (read as JSON)', () => post(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ query: viewer }))])), 200],
        [
          'bytes that are not UTF-8',
          () => post(Buffer.concat([Buffer.from('{"query":"{ viewer { scopes } }","operationName":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')])),
          400,
        ],
        [
          'JSON nested 100000 deep (an unused variable)',
          () => post(`{"query":"${viewer}","variables":{"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`),
          200,
        ],
        [
          'JSON nested 20000 deep as a representation',
          () =>
            post(
              `{"query":"query($r: [_Any!]!) { _entities(representations: $r) { __typename } }","variables":{"r":${'['.repeat(20_000)}${']'.repeat(20_000)}}}`,
            ),
          400,
        ],
        ['variables a string', () => post(JSON.stringify({ query: viewer, variables: 'x' })), 400],
        ['variables a list', () => post(JSON.stringify({ query: viewer, variables: [] })), 400],
        ['query a number', () => post(JSON.stringify({ query: 5 })), 400],
        ['operationName an object', () => post(JSON.stringify({ query: viewer, operationName: {} })), 400],
        ['a 65-character X-Request-Id on a write', () => post(create, { 'x-request-id': 'r'.repeat(65) }), 200],
        ['a 128-character X-Request-Id on a write', () => post(create, { 'x-request-id': 'r'.repeat(128) }), 200],
        ['an X-Acting-User that is 10000 characters', () => post(JSON.stringify({ query: viewer }), { 'x-acting-user': 'u'.repeat(10_000) }), 403, 'FORBIDDEN'],
      ];
      const basic = (text: string) => ({ authorization: `Basic ${Buffer.from(text).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' });
      for (const route of ['/oauth/token', '/oauth/revoke']) {
        for (const creds of ['cg_%zz:secret', 'cg_1:%E0%A4%A', '%:%']) {
          cases.push([
            `${route} Basic ${creds}`,
            () => server.app.inject({ method: 'POST', url: route, headers: basic(creds), payload: 'grant_type=client_credentials&token=x' }),
            400,
          ]);
        }
        cases.push([
          `${route} form with a broken escape`,
          () =>
            server.app.inject({
              method: 'POST',
              url: route,
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              payload: 'client_id=%zz&client_secret=%E0&grant_type=client_credentials',
            }),
          401,
        ]);
      }
      const wrong: string[] = [];
      for (const [label, send, status, code] of cases) {
        const res = await send();
        const got = String(res.headers['content-type'] ?? '').includes('json') ? codes(res)[0] : undefined;
        if (res.statusCode !== status || (code !== undefined && got !== code)) wrong.push(`${label}: ${res.statusCode} ${res.body.slice(0, 160)}`);
      }
      expect(wrong).toEqual([]);
      const oauth = (
        await server.app.inject({ method: 'POST', url: '/oauth/token', headers: basic('cg_%zz:x'), payload: 'grant_type=client_credentials' })
      ).json();
      expect(oauth).toEqual({ error: 'invalid_request', error_description: expect.any(String) });
    } finally {
      await server.close();
    }
  });
});
