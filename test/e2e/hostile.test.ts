import { sql } from 'kysely';
import { createConnection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Chartgate } from '../../src/main.js';
import { seedDemo } from '../harness/harness.js';
import { dialects, type FreshDb } from '../harness/dialects.js';
import { adminService } from '../integration/auth/identityFixture.js';
import { codeOf, gql, identityServer, type GqlResult } from './identityServer.js';
import { LEAK } from './support/startChartgate.js';

const READ = ['patients:read', 'schedule:read', 'clinical:read', 'billing:read', 'reports:read'];

/** The hostile suite: every attack gets its code, the server stays up, a second client is unaffected. */
describe.each(dialects)('hostile requests [$name]', (dialect) => {
  let fresh: FreshDb;
  let server: Chartgate;
  const keys: Record<string, string> = {};
  let certifiedClientId = 0;

  beforeAll(async () => {
    fresh = await dialect.freshDb();
    await seedDemo(fresh.db, 3);
    const admin = adminService(fresh.db);
    const make = async (name: string, extra: Record<string, unknown> = {}) => {
      const { client, key } = await admin.create({ name, kind: 'dashboard', scopes: READ, ...extra });
      keys[name] = key.key;
      return client.id;
    };
    await make('attacker');
    await make('bystander');
    await make('tiny-budget', { limits: { budgetMaximum: 60, budgetRestorePerSecond: 1 } });
    await make('one-at-a-time', { limits: { maxInFlight: 1 } });
    await make('measured', { mode: 'measure' });
    await make('tight', { limits: { maxBodyBytes: 300, maxTokens: 30 } });
    await make('introspector', { allowIntrospection: true });
    certifiedClientId = await make('certified-only', { trustedOnly: true });
    await fresh.db.interactive
      .insertInto('gw_operation')
      .values({
        client_id: certifiedClientId,
        hash: (await import('../../src/governor/certification/operationDocument.js')).operationDocument(
          (await import('graphql')).parse('query Clinics { clinics { id name } }'),
          (await import('graphql')).parse('query Clinics { clinics { id name } }').definitions[0] as never,
        ).hash,
        name: 'Clinics',
        document: 'query Clinics { clinics { id name } }',
        cost: 20,
        created_at: '2026-01-01 00:00:00',
      })
      .execute();
    server = await identityServer(fresh.db);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await fresh?.release();
  });

  const attack = (query: string, variables?: Record<string, unknown>) => gql(server.app, query, { key: keys.attacker, variables });
  const expectCode = (r: GqlResult, code: string, status?: number) => {
    expect(codeOf(r), JSON.stringify(r.body).slice(0, 300)).toBe(code);
    if (status) expect(r.status).toBe(status);
    expect(JSON.stringify(r.body)).not.toMatch(LEAK);
  };
  const bystanderStillServed = async () => {
    const r = await gql(server.app, '{ patients(first: 3) { nodes { id lastName } } }', { key: keys.bystander });
    expect(r.status).toBe(200);
    expect(r.body.data.patients.nodes).toHaveLength(3);
  };

  it('a normal request carries extensions.cost with the throttle status', async () => {
    const r = await attack('{ patients(first: 10) { nodes { id appointments(first: 5) { nodes { id } } } } }');
    expect(r.status).toBe(200);
    const cost = (r.body as { extensions?: any }).extensions.cost;
    expect(cost.requestedQueryCost).toBeGreaterThan(10);
    // the actual cost is the larger of the objects returned and the database time at GOVERNOR_DB_POINTS_PER_MS (default 5)
    expect(cost.actualQueryCost).toBe(Math.max(cost.objectCost, Math.ceil(cost.databaseMs * 5)));
    expect(cost.throttleStatus).toMatchObject({ maximumAvailable: 10_000, restoreRate: 500 });
    expect(cost.throttleStatus.currentlyAvailable).toBeLessThan(10_000);
  });

  it('token bomb: refused by the parser token limit', async () => {
    const r = await attack(`{ ${'__typename '.repeat(6000)} }`);
    expect(r.status).toBe(400);
    expect(codeOf(r)).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('overlapping-field bomb: refused before validation walks it', async () => {
    const r = await attack(`{ patients(first: 1) { nodes { ${'id '.repeat(5000)} } } }`);
    expect(r.status).toBe(400);
  });

  it('alias overloading: QUERY_TOO_COMPLEX naming the limit', async () => {
    const fields = Array.from({ length: 40 }, (_, i) => `a${i}: id`).join(' ');
    const r = await attack(`{ clinics { ${fields} } }`);
    expectCode(r, 'QUERY_TOO_COMPLEX', 400);
    expect(r.body.errors![0]!.extensions).toMatchObject({ limit: 'aliases', value: 40, maximum: 30 });
  });

  it('directive overloading: QUERY_TOO_COMPLEX', async () => {
    const r = await attack(`{ clinics { id ${'@include(if: true) '.repeat(25)} } }`);
    expect([400]).toContain(r.status);
    expect(['QUERY_TOO_COMPLEX', 'GRAPHQL_VALIDATION_FAILED']).toContain(codeOf(r));
  });

  it('deep nesting and self-recursion: QUERY_TOO_COMPLEX', async () => {
    const deep = `{ patients(first: 1) { nodes { ${'guarantor { '.repeat(14)} id ${'} '.repeat(14)} } } }`;
    const r = await attack(deep);
    expectCode(r, 'QUERY_TOO_COMPLEX', 400);
    expect(['depth', 'recursion']).toContain(r.body.errors![0]!.extensions!.limit);
  });

  it('fragment cycle: refused by validation', async () => {
    const r = await attack(
      'query { patients(first: 1) { nodes { ...A } } } fragment A on Patient { guarantor { ...B } } fragment B on Patient { guarantor { ...A } }',
    );
    expect(r.status).toBe(400);
    expect(codeOf(r)).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('doubling fragment fan-out: refused fast, never expanded', async () => {
    let doc = 'fragment F0 on Patient { id lastName }\n';
    for (let i = 1; i <= 25; i++) doc += `fragment F${i} on Patient { ...F${i - 1} guarantor { ...F${i - 1} } }\n`;
    const r = await attack(`query { patients(first: 1) { nodes { ...F25 } } }\n${doc}`);
    expect(r.status).toBe(400);
    expect(['GRAPHQL_VALIDATION_FAILED', 'QUERY_TOO_COMPLEX']).toContain(codeOf(r));
  });

  it('first beyond its bounds: BAD_USER_INPUT naming the argument', async () => {
    const r = await attack('{ patients(first: 501) { nodes { id } } }');
    expectCode(r, 'BAD_USER_INPUT');
    expect(r.body.errors![0]!.extensions!.field).toBe('first');
  });

  it('cost hidden in variables: the same document is cheap with one value and refused with another', async () => {
    const doc = 'query($n: Int!) { patients(first: $n) { nodes { id appointments(first: $n) { nodes { id procedures { id } } } } } }';
    const cheap = await attack(doc, { n: 3 });
    expect(cheap.status).toBe(200);
    const costly = await attack(doc, { n: 400 });
    expectCode(costly, 'QUERY_TOO_COMPLEX', 400);
    expect(costly.body.errors![0]!.extensions).toMatchObject({ limit: 'cost', maximum: 5000 });
  });

  it('huge input lists: QUERY_TOO_COMPLEX', async () => {
    const status = Array.from({ length: 500 }, () => 'PATIENT');
    const r = await attack('query($s: [PatientStatus!]) { patients(first: 1, status: $s) { nodes { id } } }', { s: status });
    expectCode(r, 'QUERY_TOO_COMPLEX', 400);
    expect(r.body.errors![0]!.extensions!.limit).toBe('inputList');
  });

  it('batched arrays are refused', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${keys.attacker}` },
      payload: JSON.stringify([{ query: '{ clinics { id } }' }, { query: '{ clinics { id } }' }]),
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toMatch(LEAK);
  });

  it('a mutation over GET is refused', async () => {
    const q = encodeURIComponent('mutation { confirmAppointment(input: { id: "1" }) { appointment { id } } }');
    const res = await server.app.inject({
      method: 'GET',
      url: `/graphql?query=${q}`,
      headers: { authorization: `Bearer ${keys.attacker}`, 'apollo-require-preflight': 'true' },
    });
    expect(res.statusCode).toBe(405);
  });

  it('a CSRF-style form post is refused', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${keys.attacker}` },
      payload: 'query=%7B+clinics+%7B+id+%7D+%7D',
    });
    expect([400, 415]).toContain(res.statusCode);
  });

  it('per-client body and token limits tighter than the global ones', async () => {
    const tight = (query: string, variables?: Record<string, unknown>) => gql(server.app, query, { key: keys.tight, variables });
    expect((await tight('{ clinics { id name } }')).status).toBe(200);
    const tokens = await tight(`{ clinics { ${'id '.repeat(40)} } }`);
    expectCode(tokens, 'QUERY_TOO_COMPLEX', 400);
    expect(tokens.body.errors![0]!.extensions).toMatchObject({ limit: 'tokens', maximum: 30 });
    const body = await tight('query($s: String) { patients(first: 1, search: $s) { nodes { id } } }', { s: 'x'.repeat(400) });
    expectCode(body, 'QUERY_TOO_COMPLEX', 400);
    expect(body.body.errors![0]!.extensions).toMatchObject({ limit: 'bodySize', maximum: 300 });
  });

  it('introspection needs the grant', async () => {
    expectCode(await attack('{ __schema { types { name } } }'), 'FORBIDDEN', 403);
    const granted = await gql(server.app, '{ __schema { queryType { name } } }', { key: keys.introspector });
    expect(granted.body.data.__schema.queryType.name).toBe('Query');
  });

  it('misspelled fields get no suggestion', async () => {
    const r = await attack('{ patients(first: 1) { nodes { lastNam } } }');
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).not.toMatch(/Did you mean|lastName/);
  });

  it('an exhausted budget answers THROTTLED with 429 and Retry-After', async () => {
    const doc = '{ patients(first: 40) { nodes { id } } }';
    const first = await gql(server.app, doc, { key: keys['tiny-budget'] });
    expect(first.status).toBe(200);
    const res = await server.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${keys['tiny-budget']}` },
      payload: JSON.stringify({ query: '{ patients(first: 50) { nodes { id } } }' }),
    });
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(res.json().errors[0].extensions.code).toBe('THROTTLED');
  });

  it('a flood of concurrent requests from one key: THROTTLED beyond its in-flight cap, bystander unaffected', async () => {
    const flood = Array.from({ length: 30 }, () =>
      gql(server.app, '{ appointments(first: 50) { nodes { id patient { id } procedures { id } } } }', { key: keys['one-at-a-time'] }),
    );
    const [results] = await Promise.all([Promise.all(flood), bystanderStillServed()]);
    const codes = results.map((r) => (r.status === 200 ? 'OK' : codeOf(r)));
    expect(codes).toContain('OK');
    // better-sqlite3 answers synchronously, so in-process requests rarely overlap there; MariaDB's do
    if (dialect.name === 'mysql') expect(codes).toContain('THROTTLED');
    expect(codes.every((c) => c === 'OK' || c === 'THROTTLED')).toBe(true);
  });

  it('measure mode reports what it would reject but answers', async () => {
    const fields = Array.from({ length: 40 }, (_, i) => `a${i}: clinics { id }`).join(' ');
    const r = await gql(server.app, `{ ${fields} }`, { key: keys.measured });
    expect(r.status).toBe(200);
    expect((r.body as any).extensions.governor.wouldReject.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('a trusted-only client runs its certified operation and nothing else', async () => {
    const ok = await gql(server.app, 'query Clinics {\n  clinics { id name }\n}', { key: keys['certified-only'] });
    expect(ok.status).toBe(200);
    expectCode(await gql(server.app, '{ clinics { id } }', { key: keys['certified-only'] }), 'OPERATION_NOT_CERTIFIED', 403);
  });

  it.runIf(dialect.name === 'mysql')('a slow read past its deadline answers QUERY_TIMEOUT and leaves nothing running', async () => {
    const admin = adminService(fresh.db);
    const { key } = await admin.create({
      name: 'impatient',
      kind: 'dashboard',
      scopes: READ,
      limits: { statementTimeoutMs: 100, maxCost: 1_000_000, budgetMaximum: 1_000_000 },
    });
    await server.identity.store.poll(); // the identity poller picks the new client up
    // another session holds the tables the reads need, so they cannot finish: only the deadline can end them
    const locker = await createConnection({ uri: fresh.url! });
    await locker.query('LOCK TABLES procedurelog WRITE, appointment WRITE');
    try {
      const r = await gql(
        server.app,
        '{ productionSummary(from: "2024-01-02", to: "2026-12-31", groupBy: DAY) { key procedureCount } appointmentStats(from: "2024-01-02", to: "2026-12-31") { total } }',
        { key: key.key },
      );
      expectCode(r, 'QUERY_TIMEOUT', 504);
      // the sibling field's statement has the same deadline: give the server a moment to reap both
      const left = async () =>
        (
          await sql`select ID from information_schema.PROCESSLIST where INFO like '%cg:%' and ID <> connection_id() and DB = database()`.execute(
            fresh.db.interactive,
          )
        ).rows.length;
      await vi.waitFor(async () => expect(await left()).toBe(0), { timeout: 5000, interval: 10 });
      expect(await left()).toBe(0);
    } finally {
      await locker.query('UNLOCK TABLES');
      await locker.end();
    }
    await bystanderStillServed();
  });

  it('GET /metrics on the metrics port exposes per-client requests, rejections and cost', async () => {
    await server.listen();
    const res = await fetch(server.metrics.url()!);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toMatch(/chartgate_rejections_total\{[^}]*code="QUERY_TOO_COMPLEX"/);
    expect(body).toMatch(/chartgate_cost_points_total/);
  });

  it('the server is still up and a second client is served after all of it', bystanderStillServed);
});
