import type { HarnessIt } from '../harness/harness.js';
import { expect } from 'vitest';
import type { Db } from '../../src/db/createDb.js';
import { UNAUTHENTICATED_MESSAGE } from '../../src/auth/createAuthenticator.js';
import { adminService, seedIdentityBasics } from '../integration/auth/identityFixture.js';
import { codeOf, gql, identityServer } from './identityServer.js';

const READS = ['patients:read', 'schedule:read', 'clinical:read', 'billing:read', 'reports:read'];
const NOW = '2026-01-01 00:00:00';
const stamp = { SecUserNumEntry: 0, SecProgramNumEntry: 0, SecUserNumEdit: 0, SecProgramNumEdit: 0, SecDateTEntry: NOW, DateTStamp: NOW, RowVersion: 1 };

async function patientIn(db: Db, clinicNum: number, last: string): Promise<number> {
  const res = await db.interactive
    .insertInto('patient')
    .values({
      LName: last,
      FName: 'Pat',
      MiddleI: '',
      Preferred: '',
      PatStatus: 0,
      Gender: 1,
      Birthdate: '1980-01-01',
      Email: '',
      HmPhone: '',
      WirelessPhone: '',
      Address: '',
      City: '',
      State: '',
      Zip: '',
      Guarantor: 0,
      PriProv: 0,
      SecProv: 0,
      ClinicNum: clinicNum,
      DateFirstVisit: null,
      ...stamp,
    })
    .executeTakeFirstOrThrow();
  const id = Number(res.insertId);
  await db.interactive.updateTable('patient').set({ Guarantor: id }).where('PatNum', '=', id).execute();
  return id;
}

/** The identity rules over HTTP; `fresh()` gives a migrated, empty Db. */
export function identityE2eCases(it: HarnessIt) {
  it('bad credentials: one generic 401 and nothing about the schema', async ({ db }) => {
    const { key } = await adminService(db).create({ name: 'd', kind: 'dashboard', scopes: READS });
    const server = await identityServer(db);
    try {
      for (const k of [undefined, 'garbage', `${key.prefix}_${'Z'.repeat(43)}`, `cg_00000000_${'Z'.repeat(43)}`]) {
        const r = await gql(server.app, '{ __schema { types { name } } }', { key: k });
        expect(r.status).toBe(401);
        expect(codeOf(r)).toBe('UNAUTHENTICATED');
        expect(r.body.errors?.[0].message).toBe(UNAUTHENTICATED_MESSAGE);
        expect(JSON.stringify(r.body)).not.toContain('Patient');
      }
      const ok = await gql(server.app, '{ viewer { client { name kind } scopes clinics actingUser { userName } } }', { key: key.key });
      expect(ok.status).toBe(200);
      expect(ok.body.data.viewer).toMatchObject({ client: { name: 'd', kind: 'DASHBOARD' }, scopes: READS.slice().sort(), clinics: null });
    } finally {
      await server.close();
    }
  });

  it('scopes are checked for the whole operation; read-only clients cannot mutate', async ({ db }) => {
    const { key } = await adminService(db).create({ name: 'p', kind: 'dashboard', scopes: ['patients:read'] });
    const server = await identityServer(db);
    try {
      const r = await gql(
        server.app,
        '{ patients(first: 2) { edges { node { id payments(first: 1) { edges { node { id } } } appointments(first: 1) { edges { node { id } } } } } } }',
        { key: key.key },
      );
      expect(r.status).toBe(403);
      expect(codeOf(r)).toBe('FORBIDDEN');
      expect(r.body.errors?.[0].extensions?.missingScopes).toEqual(['billing:read', 'schedule:read']);
      expect(r.body.data ?? null).toBeNull();
      const m = await gql(server.app, 'mutation { suspendClient(input: { clientId: "1", reason: "x" }) { client { id } } }', { key: key.key });
      expect(m.status).toBe(403);
      expect(codeOf(m)).toBe('FORBIDDEN');
      expect((await gql(server.app, '{ patients(first: 1) { edges { node { id } } } }', { key: key.key })).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("a clinic-limited client sees only its clinics; another clinic's id is NOT_FOUND", async ({ db }) => {
    const { clinics } = await seedIdentityBasics(db);
    const mine = await patientIn(db, clinics[0], 'Mine');
    const theirs = await patientIn(db, clinics[1], 'Theirs');
    const { key } = await adminService(db).create({ name: 'dso', kind: 'dso', scopes: READS, clinicIds: [clinics[0]] });
    const server = await identityServer(db);
    try {
      const list = await gql(server.app, '{ patients(first: 50) { edges { node { id lastName } } } }', { key: key.key });
      expect(list.status).toBe(200);
      expect(list.body.data.patients.edges.map((e: any) => e.node.lastName)).toEqual(['Mine']);
      expect((await gql(server.app, `{ patient(id: "${mine}") { lastName } }`, { key: key.key })).body.data.patient.lastName).toBe('Mine');
      const other = await gql(server.app, `{ patient(id: "${theirs}") { lastName } }`, { key: key.key });
      expect(codeOf(other)).toBe('NOT_FOUND');
    } finally {
      await server.close();
    }
  });

  it('IP allow list through a trusted proxy (X-Forwarded-For), IPv4 and IPv6', async ({ db }) => {
    const { key } = await adminService(db).create({ name: 'ip', kind: 'dso', scopes: READS, ipAllowList: ['203.0.113.0/24', '2001:db8::/32'] });
    const trusting = await identityServer(db, { trustedProxies: ['127.0.0.1/32', '::1/128'] });
    const plain = await identityServer(db);
    const q = '{ viewer { scopes } }';
    try {
      expect((await gql(trusting.app, q, { key: key.key, headers: { 'x-forwarded-for': '203.0.113.7' } })).status).toBe(200);
      expect((await gql(trusting.app, q, { key: key.key, headers: { 'x-forwarded-for': '2001:db8::7' }, remoteAddress: '::1' })).status).toBe(200);
      expect((await gql(trusting.app, q, { key: key.key, headers: { 'x-forwarded-for': '198.51.100.1' } })).status).toBe(403);
      // a client cannot smuggle an allowed address in front of its own
      expect(codeOf(await gql(trusting.app, q, { key: key.key, headers: { 'x-forwarded-for': '203.0.113.7, 198.51.100.1' } }))).toBe('FORBIDDEN');
      // without a trusted proxy the header is ignored
      expect(codeOf(await gql(plain.app, q, { key: key.key, headers: { 'x-forwarded-for': '203.0.113.7' } }))).toBe('FORBIDDEN');
      expect((await gql(plain.app, q, { key: key.key, remoteAddress: '2001:db8::99' })).status).toBe(200);
      expect((await gql(plain.app, q, { key: key.key, remoteAddress: '2001:db9::99' })).status).toBe(403);
    } finally {
      await trusting.close();
      await plain.close();
    }
  });

  it('OAuth client credentials: token, subset scopes, RFC errors, revocation', async ({ db }) => {
    const { key } = await adminService(db).create({ name: 'partner', kind: 'dashboard', scopes: ['patients:read', 'schedule:read'] });
    const server = await identityServer(db);
    const [clientId, secret] = [key.prefix, key.key.slice(key.prefix.length + 1)];
    const form = (body: Record<string, string>, basic = true) =>
      server.app.inject({
        method: 'POST',
        url: '/oauth/token',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...(basic ? { authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}` } : {}),
        },
        payload: new URLSearchParams(body).toString(),
      });
    try {
      const ok = await form({ grant_type: 'client_credentials', scope: 'patients:read' });
      expect(ok.statusCode).toBe(200);
      const tok = ok.json();
      expect(tok).toMatchObject({ token_type: 'Bearer', expires_in: 900, scope: 'patients:read' });
      expect(ok.headers['cache-control']).toBe('no-store');
      const v = await gql(server.app, '{ viewer { scopes } }', { key: tok.access_token });
      expect(v.body.data.viewer.scopes).toEqual(['patients:read']);
      expect(codeOf(await gql(server.app, '{ appointments(first: 1) { edges { node { id } } } }', { key: tok.access_token }))).toBe('FORBIDDEN');

      expect((await form({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret }, false)).statusCode).toBe(200);
      expect((await form({ grant_type: 'client_credentials', scope: 'billing:read' })).json()).toMatchObject({ error: 'invalid_scope' });
      expect((await form({ grant_type: 'password' })).json()).toMatchObject({ error: 'unsupported_grant_type' });
      const bad = await form({ grant_type: 'client_credentials', client_id: clientId, client_secret: 'wrong' }, false);
      expect(bad.statusCode).toBe(401);
      expect(bad.json()).toMatchObject({ error: 'invalid_client' });

      const revoke = await server.app.inject({
        method: 'POST',
        url: '/oauth/revoke',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}` },
        payload: new URLSearchParams({ token: tok.access_token }).toString(),
      });
      expect(revoke.statusCode).toBe(200);
      expect(codeOf(await gql(server.app, '{ viewer { scopes } }', { key: tok.access_token }))).toBe('UNAUTHENTICATED');
    } finally {
      await server.close();
    }
  });

  it('admin API: create, rotate, revoke, suspend on one instance; the second refuses after its next poll', async ({ db, secondConnection }) => {
    const {
      key: { key: adminKey },
    } = await adminService(db).create({ name: 'admin', kind: 'internal', scopes: ['admin', ...READS] });
    const one = await identityServer(db);
    // a second instance with its own connections to the same database, as another process would have
    const two = await identityServer(await secondConnection(db));
    try {
      const created = await gql(
        one.app,
        'mutation($i: CreateClientInput!) { createClient(input: $i) { client { id name kind status scopes keys { prefix status } } key { key prefix } } }',
        { key: adminKey, variables: { i: { name: 'Partner', kind: 'DASHBOARD', scopes: ['patients:read'] } } },
      );
      expect(created.status).toBe(200);
      const { client, key } = created.body.data.createClient;
      expect(client).toMatchObject({ name: 'Partner', kind: 'DASHBOARD', status: 'ACTIVE', scopes: ['patients:read'] });
      await two.identity.store.poll(); // instance two learns the new client from its poller
      expect((await gql(two.app, '{ viewer { client { id } } }', { key: key.key })).status).toBe(200);

      const s = await gql(
        one.app,
        `mutation { suspendClient(input: { clientId: "${client.id}", reason: "Security review" }) { client { status suspendedReason } } }`,
        { key: adminKey },
      );
      expect(s.body.data.suspendClient.client).toEqual({ status: 'SUSPENDED', suspendedReason: 'Security review' });
      // the instance that suspended refuses at once; the other on its next poll (how soon: benchmarks/scenarios/killSwitch.ts)
      expect(codeOf(await gql(one.app, '{ viewer { client { id } } }', { key: key.key }))).toBe('CLIENT_SUSPENDED');
      await two.identity.store.poll();
      const r = await gql(two.app, '{ viewer { client { id } } }', { key: key.key });
      expect(codeOf(r)).toBe('CLIENT_SUSPENDED');
      expect(r.status).toBe(403);
      expect(r.body.errors?.[0].extensions?.reason).toBe('Security review');
      // other clients notice nothing
      expect((await gql(two.app, '{ viewer { client { id } } }', { key: adminKey })).status).toBe(200);

      await gql(one.app, `mutation { resumeClient(input: { clientId: "${client.id}" }) { client { status } } }`, { key: adminKey });
      const rot = await gql(
        one.app,
        `mutation { rotateKey(input: { clientId: "${client.id}", graceSeconds: 0 }) { key { key } client { keys { status } } } }`,
        { key: adminKey },
      );
      const newKey = rot.body.data.rotateKey.key.key;
      expect((await gql(one.app, '{ viewer { client { id } } }', { key: newKey })).status).toBe(200);
      expect(codeOf(await gql(one.app, '{ viewer { client { id } } }', { key: key.key }))).toBe('UNAUTHENTICATED');

      const apiOff = await gql(one.app, 'mutation { setApiEnabled(input: { enabled: false, reason: "maintenance" }) { enabled reason } }', { key: adminKey });
      expect(apiOff.body.data.setApiEnabled).toEqual({ enabled: false, reason: 'maintenance' });
      const refused = await gql(one.app, '{ viewer { client { id } } }', { key: newKey });
      expect(refused.status).toBe(503);
      expect(codeOf(refused)).toBe('API_DISABLED');
      await gql(one.app, 'mutation { setApiEnabled(input: { enabled: true }) { enabled } }', { key: adminKey });

      // the integration log saw all of it
      await one.requestLog?.flush();
      await two.requestLog?.flush();
      const log = await gql(
        one.app,
        `{ integrationLog(filter: { clientId: "${client.id}" }, first: 100) { edges { node { status errorCode operationName operationHash clientIp } } pageInfo { hasNextPage } } }`,
        { key: adminKey },
      );
      const codes = log.body.data.integrationLog.edges.map((e: any) => e.node.errorCode);
      // refusals after the key was proven (suspended) are logged under the client; unknown keys under client 0
      expect(codes).toContain('CLIENT_SUSPENDED');
      expect(codes).toContain(null);
      const unknown = await gql(
        one.app,
        '{ integrationLog(filter: { clientId: "0" , errorCode: "UNAUTHENTICATED" }, first: 5) { edges { node { status } } } }',
        { key: adminKey },
      );
      expect(unknown.body.data?.integrationLog.edges[0]?.node ?? unknown.body).toEqual({ status: 401 });
      // keyset pages: newest first, no overlap
      const page1 = await gql(
        one.app,
        `{ integrationLog(filter: { clientId: "${client.id}" }, first: 2) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
        { key: adminKey },
      );
      const p1 = page1.body.data.integrationLog;
      expect(p1.pageInfo.hasNextPage).toBe(true);
      const page2 = await gql(
        one.app,
        `{ integrationLog(filter: { clientId: "${client.id}" }, first: 2, after: "${p1.pageInfo.endCursor}") { edges { node { id } } } }`,
        { key: adminKey },
      );
      const ids = [...p1.edges, ...page2.body.data.integrationLog.edges].map((e: any) => Number(e.node.id));
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      expect(new Set(ids).size).toBe(4);
      const suspended = await gql(two.app, `{ integrationLog(filter: { errorCode: "CLIENT_SUSPENDED" }, first: 5) { edges { node { status clientIp } } } }`, {
        key: adminKey,
      });
      expect(suspended.body.data.integrationLog.edges[0]?.node).toEqual({ status: 403, clientIp: '127.0.0.1' });
    } finally {
      await one.close();
      await two.close();
    }
  });
}
