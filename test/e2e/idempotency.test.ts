import { describe, expect } from 'vitest';
import type { Db } from '../../src/db/createDb.js';
import { harness, matrix } from '../harness/harness.js';
import { adminService } from '../integration/auth/identityFixture.js';
import { seedReadFixture } from '../integration/readApi/readFixture.js';
import { WRITE_SCOPES } from '../integration/writes/writesHarness.js';
import { codeOf, gql, identityServer } from './identityServer.js';

const CREATE_CLIENT = 'mutation($i: CreateClientInput!) { createClient(input: $i) { client { id } key { key prefix } } }';
const ROTATE = 'mutation($i: RotateKeyInput!) { rotateKey(input: $i) { key { key prefix } } }';
const CREATE_PATIENT = 'mutation($input: CreatePatientInput!) { createPatient(input: $input) { patient { id firstName } } }';

/** Every row of every table, as text: where a secret would show if it were stored anywhere. */
async function everyRow(db: Db): Promise<string> {
  const tables = await db.interactive.introspection.getTables();
  const dumps: string[] = [];
  for (const t of tables) dumps.push(JSON.stringify(await (db.interactive as any).selectFrom(t.name).selectAll().execute()));
  return dumps.join('\n');
}

describe.each(matrix())('[%s] Idempotency-Key over HTTP', (_name, dialect) => {
  const it = harness(dialect);

  async function setup(db: Db) {
    const fx = await seedReadFixture(db, { patients: 4, appointments: 2 });
    const admin = adminService(db);
    const writer = await admin.create({ name: 'Front Desk', kind: 'dso', scopes: WRITE_SCOPES });
    const root = await admin.create({ name: 'Ops', kind: 'internal', scopes: ['admin'] });
    return { fx, writer, root };
  }

  it('a replay answers the first result with Idempotent-Replayed; one key covers one practice-data mutation field', async ({ db }) => {
    const s = await setup(db);
    const server = await identityServer(db);
    try {
      const input = { firstName: 'Ada', lastName: 'Byron', clinicId: String(s.fx.clinics[0]) };
      const headers = { 'idempotency-key': 'patient-1' };
      const first = await gql(server.app, CREATE_PATIENT, { key: s.writer.key.key, variables: { input }, headers });
      const res = await server.app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${s.writer.key.key}`, ...headers },
        payload: JSON.stringify({ query: CREATE_PATIENT, variables: { input } }),
      });
      expect([res.statusCode, res.headers['idempotent-replayed'], res.json().data]).toEqual([200, 'true', first.body.data]);
      expect(first.body.data.createPatient.patient.firstName).toBe('Ada');

      // __typename beside the field is no second write
      const typename = await gql(server.app, 'mutation($input: CreatePatientInput!) { __typename createPatient(input: $input) { patient { id } } }', {
        key: s.writer.key.key,
        variables: { input },
        headers: { 'idempotency-key': 'patient-2' },
      });
      expect(typename.status).toBe(200);

      const two = await gql(
        server.app,
        'mutation($input: CreatePatientInput!) { a: createPatient(input: $input) { patient { id } } b: createPatient(input: $input) { patient { id } } }',
        {
          key: s.writer.key.key,
          variables: { input },
          headers: { 'idempotency-key': 'patient-3' },
        },
      );
      expect([two.status, codeOf(two), two.body.errors?.[0]?.extensions?.field]).toEqual([400, 'BAD_USER_INPUT', 'Idempotency-Key']);
      expect(await db.interactive.selectFrom('gw_idempotency').select('idem_key').where('idem_key', '=', 'patient-3').execute()).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('secrets are never stored: createClient and rotateKey refuse an Idempotency-Key, and no table holds an issued key', async ({ db }) => {
    const s = await setup(db);
    const server = await identityServer(db);
    try {
      const clientInput = { name: 'Imaging Bridge', kind: 'DSO', scopes: ['patients:read'] };
      const clientsBefore = (await db.interactive.selectFrom('gw_client').select('id').execute()).length;
      const keyed = await gql(server.app, CREATE_CLIENT, { key: s.root.key.key, variables: { i: clientInput }, headers: { 'idempotency-key': 'client-1' } });
      expect([keyed.status, codeOf(keyed), keyed.body.errors?.[0]?.extensions?.field]).toEqual([400, 'BAD_USER_INPUT', 'Idempotency-Key']);
      const rotateKeyed = await gql(server.app, ROTATE, {
        key: s.root.key.key,
        variables: { i: { clientId: String(s.writer.client.id) } },
        headers: { 'idempotency-key': 'rotate-1' },
      });
      expect([rotateKeyed.status, codeOf(rotateKeyed)]).toEqual([400, 'BAD_USER_INPUT']);
      expect((await db.interactive.selectFrom('gw_client').select('id').execute()).length).toBe(clientsBefore);

      const created = await gql(server.app, CREATE_CLIENT, { key: s.root.key.key, variables: { i: clientInput } });
      const rotated = await gql(server.app, ROTATE, { key: s.root.key.key, variables: { i: { clientId: String(s.writer.client.id) } } });
      expect([created.status, rotated.status]).toEqual([200, 200]);
      const issued = [created.body.data.createClient.key.key, rotated.body.data.rotateKey.key.key, s.writer.key.key, s.root.key.key];
      const everything = await everyRow(db);
      for (const key of issued) {
        const secret = key.split('_').slice(2).join('_');
        expect(secret).toHaveLength(43);
        expect(everything.includes(secret), `a table holds the secret of ${key.slice(0, 11)}`).toBe(false);
      }
      // the prefix is the public half: stored, so the check above looks in the right rows
      expect(everything.includes(created.body.data.createClient.key.prefix)).toBe(true);
    } finally {
      await server.close();
    }
  });
});
