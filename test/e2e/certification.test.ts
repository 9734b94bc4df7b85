import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { ExitCode } from '../../src/cli/exitCodes.js';
import type { Db } from '../../src/db/createDb.js';
import type { Chartgate } from '../../src/main.js';
import { harness, matrix, seedDemo } from '../harness/harness.js';
import { runChartgate } from '../support/runChartgate.js';
import { codeOf, gql, identityServer, type GqlResult } from './identityServer.js';

const READ = ['patients:read', 'schedule:read', 'clinical:read', 'billing:read', 'reports:read'];

const APP_V1 = `
query PatientPage($first: Int!, $after: String) { patients(first: $first, after: $after) { nodes { id lastName } pageInfo { endCursor } } }
query Production($from: Date!, $to: Date!) { productionSummary(from: $from, to: $to, groupBy: DAY) { key production } }
fragment Names on Patient { firstName lastName }
query OnePatient($id: ID!) { patient(id: $id) { id ...Names } }
`;

const fileWith = (text: string): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'cg-ops-')), 'ops.graphql');
  writeFileSync(file, text);
  return file;
};

/** A request by hash alone (Apollo's automatic persisted queries): no query text at all. */
async function byHash(server: Chartgate, key: string, sha256Hash: string, variables: Record<string, unknown> = {}): Promise<GqlResult> {
  const res = await server.app.inject({
    method: 'POST',
    url: '/graphql',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    payload: JSON.stringify({ variables, extensions: { persistedQuery: { version: 1, sha256Hash } } }),
  });
  return { status: res.statusCode, body: res.json() };
}

const costOf = (r: GqlResult) => (r.body as any).extensions.cost.requestedQueryCost as number;

describe.each(matrix())('[%s] certification: register, log mode, promote, enforce, remove', (_name, dialect) => {
  const it = harness(dialect);
  const chartgate = (db: Db, ...args: string[]) => runChartgate(db, args);

  it('register validates against the schema, prices at the worst variables, and a hash works by itself from the first request', async ({ db }) => {
    await seedDemo(db, 7);
    const created = await chartgate(db, 'clients', 'create', '--name', 'Portal', '--kind', 'dso', '--scopes', READ.join(','), '--rollout', 'enforce', '--json');
    expect(created.code, created.err).toBe(ExitCode.OK);
    const { client } = created.json();
    const key: string = created.json().key.key;
    expect(client).toMatchObject({ rollout: 'enforce', trustedOnly: true });

    // an operation that does not validate refuses the whole file, naming the operation and the error
    const bad = await chartgate(db, 'operations', 'register', String(client.id), fileWith(`${APP_V1}\nquery Broken { patients(first: 1) { nodes { nope } } }`));
    expect(bad.code).toBe(ExitCode.USAGE);
    expect(bad.err).toMatch(/Broken: Cannot query field "nope" on type "Patient"/);
    expect(await db.interactive.selectFrom('gw_operation').select('id').execute()).toHaveLength(0);

    const reg = await chartgate(db, 'operations', 'register', String(client.id), fileWith(APP_V1), '--app', 'portal', '--version', '1.0.0', '--json');
    expect(reg.code, reg.err).toBe(ExitCode.OK);
    const ops = Object.fromEntries(reg.json().operations.map((o: any) => [o.name, o]));
    expect(Object.keys(ops).sort()).toEqual(['OnePatient', 'PatientPage', 'Production']);
    expect(Object.values(ops).map((o: any) => o.outcome)).toEqual(['registered', 'registered', 'registered']);
    // required variables are no obstacle: the largest first and the widest range the API accepts
    expect(ops.PatientPage.pricedAt).toEqual({ first: 500, after: 'x' });
    expect(ops.Production.pricedAt).toEqual({ from: '2000-01-01', to: '2002-12-31' });
    expect(ops.Production.cost).toBeGreaterThan(10 * 30);

    const server = await identityServer(db);
    try {
      // the worst case is what a request at those variables costs; a certified operation is still priced by its own variables
      const page =
        'query PatientPage($first: Int!, $after: String) { patients(first: $first, after: $after) { nodes { id lastName } pageInfo { endCursor } } }';
      const worst = await gql(server.app, page, { key, variables: { first: 500 } });
      expect(worst.status).toBe(200);
      expect(costOf(worst)).toBe(ops.PatientPage.cost);
      const small = await gql(server.app, page, { key, variables: { first: 3 } });
      expect(small.body.data.patients.nodes).toHaveLength(3);
      expect(costOf(small)).toBeLessThan(ops.PatientPage.cost / 50);
      expect(codeOf(await gql(server.app, '{ clinics { id } }', { key }))).toBe('OPERATION_NOT_CERTIFIED');
    } finally {
      await server.close();
    }

    // a fresh instance that never saw the text answers the hash alone, from gw_operation
    const fresh = await identityServer(db);
    try {
      const first = await byHash(fresh, key, ops.PatientPage.hash, { first: 2 });
      expect(first.status, JSON.stringify(first.body)).toBe(200);
      expect(first.body.data.patients.nodes).toHaveLength(2);
      const one = await byHash(fresh, key, ops.OnePatient.hash, { id: first.body.data.patients.nodes[0].id });
      expect(one.body.data.patient).toMatchObject({ id: first.body.data.patients.nodes[0].id, firstName: expect.any(String) });
      expect(codeOf(await byHash(fresh, key, 'f'.repeat(64)))).toBe('PERSISTED_QUERY_NOT_FOUND');
      await fresh.requestLog!.flush();
    } finally {
      await fresh.close();
    }

    // last use and request counts come from the integration log, by the canonical operation hash
    const listed = (await chartgate(db, 'operations', 'list', String(client.id), '--json')).json();
    const byName = Object.fromEntries(listed.map((o: any) => [o.name, o]));
    expect(byName.PatientPage).toMatchObject({ appName: 'portal', appVersion: '1.0.0', requests: 3, lastUsedAt: expect.stringMatching(/Z$/), retiredAt: null });
    expect(byName.OnePatient.requests).toBe(1);
    expect(byName.Production).toMatchObject({ requests: 0, lastUsedAt: null });

    // registering again relabels what the new version still has, and retiring the old version leaves it alone
    const v2 = await chartgate(
      db,
      'operations',
      'register',
      String(client.id),
      fileWith(APP_V1.split('fragment')[0]!),
      '--app',
      'portal',
      '--version',
      '2.0.0',
      '--json',
    );
    expect(v2.json().operations.map((o: any) => o.outcome)).toEqual(['relabeled', 'relabeled']);
    const retired = (await chartgate(db, 'operations', 'retire', String(client.id), '--app', 'portal', '--version', '1.0.0', '--json')).json();
    expect(retired.retired).toEqual([ops.OnePatient.hash]);
    const after = (await chartgate(db, 'operations', 'list', String(client.id), '--retired', '--json')).json();
    expect(after.filter((o: any) => o.retiredAt).map((o: any) => o.name)).toEqual(['OnePatient']);
    const log = await db.interactive.selectFrom('securitylog').select('PermType').where('PermType', 'like', 'Operation%').orderBy('SecurityLogNum').execute();
    expect(log.map((r) => r.PermType)).toEqual(['OperationRegister', 'OperationRegister', 'OperationRetire']);
  });

  it('log mode runs and keeps unregistered operations; promote certifies them; enforce; a removal on one instance is seen by another after one poll', async ({
    db,
  }) => {
    await seedDemo(db, 8);
    const created = (
      await chartgate(db, 'clients', 'create', '--name', 'Beta', '--kind', 'dashboard', '--scopes', READ.join(','), '--rollout', 'log', '--json')
    ).json();
    const { client } = created;
    const key: string = created.key.key;
    const a = await identityServer(db);
    const b = await identityServer(db);
    try {
      const list = 'query Appts($n: Int!) { appointments(first: $n) { nodes { id status } } }';
      const clinics = 'query Clinics { clinics { id name } }';
      const anonymous = '{ providers { id abbreviation } }';
      // whitespace does not make a new operation: the canonical print is what is kept
      for (const [server, doc, variables] of [
        [a, list, { n: 5 }],
        [b, `query Appts($n: Int!) {\n  appointments(first: $n) {\n    nodes { id status }\n  }\n}`, { n: 2 }],
        [a, clinics, {}],
        [b, anonymous, {}],
      ] as const) {
        const r = await gql(server.app, doc, { key, variables });
        expect(r.status, JSON.stringify(r.body)).toBe(200);
      }
      const seen = (await chartgate(db, 'operations', 'seen', String(client.id), '--json')).json();
      expect(seen.map((s: any) => s.name).sort()).toEqual(['', 'Appts', 'Clinics']);
      expect(seen.find((s: any) => s.name === 'Appts').document).toContain('appointments(first: $n)');
      await a.requestLog!.flush();
      await b.requestLog!.flush();

      const promoted = await chartgate(
        db,
        'operations',
        'promote',
        String(client.id),
        '--since',
        '7d',
        '--app',
        'beta-dashboard',
        '--version',
        '0.9.0',
        '--json',
      );
      expect(promoted.code, promoted.err).toBe(ExitCode.OK);
      const certified = promoted.json().certified;
      expect(certified.map((c: any) => c.name).sort()).toEqual(['', 'Appts', 'Clinics']);
      expect(certified.find((c: any) => c.name === 'Appts').pricedAt).toEqual({ n: 500 });
      expect((await chartgate(db, 'operations', 'promote', String(client.id), '--json')).json().certified).toEqual([]);

      // the integration log counted the beta's requests by the same hashes
      const listed = (await chartgate(db, 'operations', 'list', String(client.id), '--json')).json();
      expect(Object.fromEntries(listed.map((o: any) => [o.name, o.requests]))).toEqual({ Appts: 2, Clinics: 1, '': 1 });

      expect((await chartgate(db, 'clients', 'update', String(client.id), '--rollout', 'enforce')).code).toBe(ExitCode.OK);
      await a.identity.store.poll();
      await b.identity.store.poll();
      expect((await gql(b.app, list, { key, variables: { n: 3 } })).status).toBe(200);
      expect((await gql(a.app, clinics, { key })).status).toBe(200);
      const refused = await gql(a.app, '{ clinics { id } }', { key });
      expect(refused.status).toBe(403);
      expect(codeOf(refused)).toBe('OPERATION_NOT_CERTIFIED');
      const appts = certified.find((c: any) => c.name === 'Appts');
      expect((await byHash(b, key, appts.hash, { n: 1 })).status).toBe(200);

      // removed through one instance's admin (here the CLI); the other still has its answer until it polls
      const removed = await chartgate(db, 'operations', 'unregister', String(client.id), 'Appts', '--json');
      expect(removed.json().unregistered).toEqual([appts.hash]);
      await a.identity.store.poll();
      expect(codeOf(await gql(a.app, list, { key, variables: { n: 3 } }))).toBe('OPERATION_NOT_CERTIFIED');
      expect((await gql(b.app, list, { key, variables: { n: 3 } })).status).toBe(200);
      await b.identity.store.poll();
      expect(codeOf(await gql(b.app, list, { key, variables: { n: 3 } }))).toBe('OPERATION_NOT_CERTIFIED');
      expect(codeOf(await byHash(b, key, appts.hash, { n: 1 }))).toBe('PERSISTED_QUERY_NOT_FOUND');
      expect((await gql(b.app, clinics, { key })).status).toBe(200);
      expect((await chartgate(db, 'operations', 'unregister', String(client.id), 'NoSuchOperation')).code).toBe(ExitCode.NOT_FOUND);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
