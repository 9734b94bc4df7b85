import { describe, expect } from 'vitest';
import { harness, matrix } from '../harness/harness.js';
import { adminService, seedIdentityBasics } from '../integration/auth/identityFixture.js';
import { codeOf, gql, identityServer } from './identityServer.js';

const UPDATE = `mutation($input: UpdateClientInput!) {
  updateClient(input: $input) {
    client { id name scopes clinicIds ipAllowList mode rollout trustedOnly allowIntrospection class
      limits { own { maxCost maxInFlight } defaults { maxCost maxInFlight } effective { maxCost maxInFlight } } }
  }
}`;
const DELETE = 'mutation($id: ID!) { deleteClient(input: { clientId: $id }) { client { id status deletedAt } revokedKeyIds } }';

describe.each(matrix())('[%s] clients: update and delete over the admin API, seen by every instance', (_name, dialect) => {
  const it = harness(dialect);

  it('updateClient changes only the fields given, logs before and after, and a second instance sees it after one poll', async ({ db }) => {
    const { clinics } = await seedIdentityBasics(db);
    const admin = adminService(db);
    const { key: adminKey } = await admin.create({ name: 'console', kind: 'internal', scopes: ['admin'] });
    const { client, key } = await admin.create({ name: 'Dash', kind: 'dashboard', scopes: ['patients:read', 'schedule:read'] });
    const a = await identityServer(db);
    const b = await identityServer(db);
    try {
      // both instances serve the client as created
      expect((await gql(b.app, '{ viewer { scopes clinics } }', { key: key.key })).body.data.viewer).toEqual({
        scopes: ['patients:read', 'schedule:read'],
        clinics: null,
      });
      const r = await gql(a.app, UPDATE, {
        key: adminKey.key,
        variables: { input: { clientId: String(client.id), scopes: ['schedule:read'], clinicIds: [clinics[1]], limits: { maxCost: 900 }, rollout: 'LOG' } },
      });
      expect(r.body.errors).toBeUndefined();
      expect(r.body.data.updateClient.client).toMatchObject({
        name: 'Dash',
        scopes: ['schedule:read'],
        clinicIds: [clinics[1]],
        ipAllowList: [],
        mode: 'enforce',
        rollout: 'LOG',
        trustedOnly: false,
        class: 'REPORTING',
        limits: { own: { maxCost: 900, maxInFlight: null }, defaults: { maxCost: 5000, maxInFlight: 8 }, effective: { maxCost: 900, maxInFlight: 8 } },
      });

      // instance A reloaded at once; B only after its poll (the test drives it: no waiting on the clock)
      expect((await gql(a.app, '{ viewer { scopes clinics } }', { key: key.key })).body.data.viewer).toEqual({
        scopes: ['schedule:read'],
        clinics: [clinics[1]],
      });
      expect((await gql(b.app, '{ viewer { scopes } }', { key: key.key })).body.data.viewer.scopes).toEqual(['patients:read', 'schedule:read']);
      await b.identity.store.poll();
      expect((await gql(b.app, '{ viewer { scopes clinics } }', { key: key.key })).body.data.viewer).toEqual({
        scopes: ['schedule:read'],
        clinics: [clinics[1]],
      });
      expect(codeOf(await gql(b.app, '{ patients(first: 1) { nodes { id } } }', { key: key.key }))).toBe('FORBIDDEN');
      // the new cost ceiling holds on B too
      const costly = await gql(b.app, '{ appointments(first: 500) { nodes { id operatory { id } } } }', { key: key.key });
      expect(codeOf(costly)).toBe('QUERY_TOO_COMPLEX');
      expect(costly.body.errors![0]!.extensions).toMatchObject({ limit: 'cost', maximum: 900 });

      const log = await db.interactive.selectFrom('securitylog').select(['PermType', 'FKey', 'Changes']).where('PermType', '=', 'ClientUpdate').execute();
      expect(log).toHaveLength(1);
      expect(log[0]!.FKey).toBe(client.id);
      expect(JSON.parse(log[0]!.Changes)).toEqual({
        scopes: ['patients:read schedule:read', 'schedule:read'],
        clinicIds: [null, [clinics[1]]],
        limits: [null, { maxCost: 900 }],
        operationLog: [false, true],
      });

      // a change that changes nothing writes nothing
      const same = await gql(a.app, UPDATE, { key: adminKey.key, variables: { input: { clientId: String(client.id), scopes: ['schedule:read'] } } });
      expect(same.body.errors).toBeUndefined();
      expect(await db.interactive.selectFrom('securitylog').select('PermType').where('PermType', '=', 'ClientUpdate').execute()).toHaveLength(1);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('updateClient refuses bad limits and values with BAD_USER_INPUT naming the field, and changes nothing', async ({ db }) => {
    const admin = adminService(db);
    const { key: adminKey } = await admin.create({ name: 'console', kind: 'internal', scopes: ['admin'] });
    const { client } = await admin.create({ name: 'Dash', kind: 'dashboard', scopes: ['patients:read'], limits: { maxCost: 700 } });
    const { key: reader } = await admin.create({ name: 'reader', kind: 'dashboard', scopes: ['patients:read'] });
    const server = await identityServer(db);
    try {
      const update = (input: Record<string, unknown>, k = adminKey.key) =>
        gql(server.app, UPDATE, { key: k, variables: { input: { clientId: String(client.id), ...input } } });
      const negative = await update({ limits: { maxCost: -5 } });
      expect(negative.status).toBe(400);
      expect(negative.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.limits.maxCost' });
      const huge = await update({ limits: { statementTimeoutMs: 10_000_000 } });
      expect(huge.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.limits.statementTimeoutMs' });
      // a misspelt limit and a non-number never reach the service: the input type refuses them
      expect(codeOf(await update({ limits: { maxcost: 1 } }))).toBe('BAD_USER_INPUT');
      expect(codeOf(await update({ limits: { maxCost: 'lots' } }))).toBe('BAD_USER_INPUT');
      expect((await update({ scopes: ['patients:read', 'teleport'] })).body.errors![0]!.extensions).toMatchObject({ field: 'input.scopes[1]' });
      expect((await update({ ipAllowList: ['10.0.0.0/33'] })).body.errors![0]!.extensions).toMatchObject({ field: 'input.ipAllowList[0]' });
      expect((await update({ scopes: [] })).body.errors![0]!.extensions).toMatchObject({ field: 'input.scopes' });
      expect((await update({ clinicIds: [999_999] })).body.errors![0]!.extensions).toMatchObject({ field: 'input.clinicIds' });
      expect((await update({ rollout: 'OFF', trustedOnly: true })).body.errors![0]!.extensions).toMatchObject({ field: 'input.trustedOnly' });
      expect(codeOf(await update({ name: 'x' }, reader.key))).toBe('FORBIDDEN');
      expect(codeOf(await gql(server.app, UPDATE, { key: adminKey.key, variables: { input: { clientId: '424242', name: 'x' } } }))).toBe('NOT_FOUND');

      const after = await admin.get(client.id);
      expect(after.limits.own).toEqual({ maxCost: 700 });
      expect(after.scopes).toEqual(['patients:read']);
      expect(await db.interactive.selectFrom('securitylog').select('PermType').where('PermType', '=', 'ClientUpdate').execute()).toHaveLength(0);

      // limits: {} clears the client's own limits
      const cleared = await update({ limits: {} });
      expect(cleared.body.data.updateClient.client.limits).toMatchObject({ own: { maxCost: null }, effective: { maxCost: 5000 } });
    } finally {
      await server.close();
    }
  });

  it('deleteClient revokes every key at once, here and on a second instance after one poll; the rows stay, hidden from clients', async ({ db }) => {
    const admin = adminService(db);
    const { key: adminKey } = await admin.create({ name: 'console', kind: 'internal', scopes: ['admin'] });
    const { client, key } = await admin.create({ name: 'Leaving', kind: 'dashboard', scopes: ['patients:read'] });
    const { key: second } = await admin.rotateKey(client.id, 3600);
    const a = await identityServer(db);
    const b = await identityServer(db);
    try {
      expect((await gql(b.app, '{ viewer { client { name } } }', { key: key.key })).status).toBe(200);
      const r = await gql(a.app, DELETE, { key: adminKey.key, variables: { id: String(client.id) } });
      expect(r.body.errors).toBeUndefined();
      expect(r.body.data.deleteClient.client).toMatchObject({ id: String(client.id), status: 'DELETED', deletedAt: expect.stringMatching(/Z$/) });
      expect(r.body.data.deleteClient.revokedKeyIds.map(Number).sort()).toEqual([key.id, second.id].sort());

      for (const k of [key.key, second.key]) expect((await gql(a.app, '{ viewer { scopes } }', { key: k })).status).toBe(401);
      await b.identity.store.poll();
      for (const k of [key.key, second.key]) expect(codeOf(await gql(b.app, '{ viewer { scopes } }', { key: k }))).toBe('UNAUTHENTICATED');

      const list = await gql(a.app, '{ clients { id } all: clients(includeDeleted: true) { id status } }', { key: adminKey.key });
      expect(list.body.data.clients.map((c: any) => Number(c.id))).not.toContain(client.id);
      expect(list.body.data.all).toContainEqual({ id: String(client.id), status: 'DELETED' });
      // a deleted client cannot be brought back, edited or given a key
      expect(
        codeOf(
          await gql(a.app, 'mutation($id: ID!) { resumeClient(input: { clientId: $id }) { client { id } } }', {
            key: adminKey.key,
            variables: { id: String(client.id) },
          }),
        ),
      ).toBe('NOT_FOUND');
      expect(codeOf(await gql(a.app, UPDATE, { key: adminKey.key, variables: { input: { clientId: String(client.id), name: 'Back' } } }))).toBe('NOT_FOUND');
      expect(
        codeOf(
          await gql(a.app, 'mutation($id: ID!) { rotateKey(input: { clientId: $id }) { key { key } } }', {
            key: adminKey.key,
            variables: { id: String(client.id) },
          }),
        ),
      ).toBe('NOT_FOUND');

      expect(await db.interactive.selectFrom('gw_client').select('status').where('id', '=', client.id).executeTakeFirst()).toEqual({ status: 'deleted' });
      const log = await db.interactive.selectFrom('securitylog').select(['Changes']).where('PermType', '=', 'ClientDelete').execute();
      expect(JSON.parse(log[0]!.Changes)).toMatchObject({ status: ['active', 'deleted'] });
    } finally {
      await a.close();
      await b.close();
    }
  });
});
