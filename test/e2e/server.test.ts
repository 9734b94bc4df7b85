import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/createDb.js';
import { dialects } from '../harness/dialects.js';
import { LEAK, startChartgate, type StartedChartgate } from './support/startChartgate.js';

/** The real server (main.ts's buildServer) over a seeded demo practice, on every dialect. */
describe.each(dialects.map((d) => [d.name, d] as const))('e2e server [%s]', (_name, dialect) => {
  let db: Db;
  let release: () => Promise<void>;
  let app: StartedChartgate;

  beforeAll(async () => {
    ({ db, release } = await dialect.freshDb());
    app = await startChartgate(db);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await release?.();
  });

  const gql = async (query: string, variables?: Record<string, unknown>) => {
    const res = await app.post({ query, variables });
    const text = await res.text();
    expect(text).not.toMatch(LEAK);
    return { status: res.status, body: JSON.parse(text) as { data?: any; errors?: any[] } };
  };

  it('answers a nested query (appointment -> patient, provider, operatory, procedures -> code)', async () => {
    const { status, body } = await gql(`{
      appointments(first: 5) {
        edges { cursor node { id scheduledAt status
          patient { id firstName lastName clinic { id name } }
          provider { abbreviation } operatory { name }
          procedures { fee code { code description } } } }
        pageInfo { hasNextPage endCursor }
      } }`);
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    const edges = body.data.appointments.edges;
    expect(edges.length).toBe(5);
    expect(edges[0].node.patient.lastName).toEqual(expect.any(String));
    expect(body.data.appointments.pageInfo.hasNextPage).toBe(true);
    const fees = edges.flatMap((e: any) => e.node.procedures.map((p: any) => p.fee));
    for (const fee of fees) expect(fee).toMatch(/^\d+\.\d{2}$/);
  });

  it('pages with the cursor it hands out, without repeating rows', async () => {
    const first = await gql('{ patients(first: 3) { edges { node { id } } pageInfo { endCursor } } }');
    const after = first.body.data.patients.pageInfo.endCursor;
    const second = await gql('query($after: String) { patients(first: 3, after: $after) { edges { node { id } } } }', { after });
    const ids = (r: typeof first) => r.body.data.patients.edges.map((e: any) => e.node.id);
    expect(ids(second)).toHaveLength(3);
    expect(ids(second).filter((id: string) => ids(first).includes(id))).toEqual([]);
  });

  it('GET /healthz answers 200 and GET /readyz pings the database', async () => {
    const health = await fetch(`${app.base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${app.base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', database: db.dialect });
  });

  describe('bad input', () => {
    it.each([0, 501, -1])('first: %i answers BAD_USER_INPUT on field "first"', async (first) => {
      const { status, body } = await gql('query($first: Int) { patients(first: $first) { edges { node { id } } } }', { first });
      expect(status).toBe(400);
      expect(body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    });

    it('a malformed cursor answers BAD_USER_INPUT on field "after"', async () => {
      const { status, body } = await gql('{ appointments(first: 2, after: "not-a-cursor!!") { edges { node { id } } } }');
      expect(status).toBe(400);
      expect(body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    });

    it('an unknown id answers NOT_FOUND (200 with data.patient null, as the field is nullable)', async () => {
      const { status, body } = await gql('{ patient(id: "987654321") { id lastName } }');
      expect(body.errors![0]).toEqual({
        message: expect.any(String),
        locations: expect.any(Array),
        path: ['patient'],
        extensions: { code: 'NOT_FOUND', id: '987654321' },
      });
      expect(body.data).toEqual({ patient: null });
      // GraphQL over HTTP: a response with non-null data must be 2xx
      expect(status).toBe(200);
    });

    it('an inverted date range answers BAD_USER_INPUT', async () => {
      const { status, body } = await gql('{ appointments(from: "2025-03-01T00:00:00Z", to: "2025-02-01T00:00:00Z") { edges { node { id } } } }');
      expect(status).toBe(400);
      expect(body.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    });

    it('a body that is not JSON answers 400 BAD_USER_INPUT', async () => {
      const res = await app.post('query { patients { edges { node { id } } } }');
      expect(res.status).toBe(400);
      const text = await res.text();
      expect(text).not.toMatch(LEAK);
      expect(JSON.parse(text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    });

    it('an oversized body answers 413 BAD_USER_INPUT', async () => {
      const res = await app.post({ query: `{ patients(search: "${'a'.repeat(300 * 1024)}") { edges { node { id } } } }` });
      expect(res.status).toBe(413);
      expect((await res.json()).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'BODY_TOO_LARGE' });
    });

    it('an unknown field answers GRAPHQL_VALIDATION_FAILED without suggestions', async () => {
      const { status, body } = await gql('{ patients { edges { node { lastNam } } } }');
      expect(status).toBe(400);
      expect(body.errors![0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    });
  });
});
