import { describe, expect } from 'vitest';
import { harness, matrix, seedDemo } from '../harness/harness.js';
import { adminService } from '../integration/auth/identityFixture.js';
import { codeOf, gql, identityServer } from './identityServer.js';

const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }';
const reps = (typename: string, n = 2) => Array.from({ length: n }, (_, i) => ({ __typename: typename, id: String(i + 1) }));

/** `_entities` asks for exactly what reading each representation's type directly asks for, whatever the selection. */
describe.each(matrix())('[%s] entity fetches need the scopes of their types', (_name, dialect) => {
  const it = harness(dialect);

  it('a __typename-only fetch needs the type scope; directory types need a read scope; bad representations are 400', async ({ db }) => {
    await seedDemo(db);
    const admin = adminService(db);
    const writeOnly = (await admin.create({ name: 'writer', kind: 'dso', scopes: ['patients:write'] })).key.key;
    const auditor = (await admin.create({ name: 'auditor', kind: 'internal', scopes: ['audit:read'] })).key.key;
    const reader = (await admin.create({ name: 'reader', kind: 'dashboard', scopes: ['patients:read', 'billing:read'] })).key.key;
    const server = await identityServer(db);
    try {
      for (const key of [writeOnly, auditor]) {
        for (const [typename, scope] of [
          ['Patient', 'patients:read'],
          ['Payment', 'billing:read'],
          ['Appointment', 'schedule:read'],
          ['Procedure', 'clinical:read'],
        ]) {
          const r = await gql(server.app, ENTITIES, { key, variables: { r: reps(typename!) } });
          expect([r.status, codeOf(r), r.body.errors?.[0]?.extensions?.missingScopes], typename).toEqual([403, 'FORBIDDEN', [scope]]);
          expect(r.body.data).toBeUndefined();
        }
      }
      // Clinic and Provider: `clinics` answers FORBIDDEN without a read scope, so does the entity fetch
      const clinics = await gql(server.app, '{ clinics { id } }', { key: writeOnly });
      expect(codeOf(clinics)).toBe('FORBIDDEN');
      for (const typename of ['Clinic', 'Provider']) {
        const r = await gql(server.app, `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { id } } }`, {
          key: writeOnly,
          variables: { r: reps(typename) },
        });
        expect([r.status, codeOf(r), r.body.errors?.[0]?.extensions?.missingScopes], typename).toEqual([403, 'FORBIDDEN', ['*:read']]);
      }
      // a literal list is read the same way as a variable
      const literal = await gql(server.app, '{ _entities(representations: [{ __typename: "Patient", id: "1" }]) { __typename } }', { key: auditor });
      expect(codeOf(literal)).toBe('FORBIDDEN');

      // with the scope, the same fetches answer
      const ok = await gql(server.app, ENTITIES, { key: reader, variables: { r: [...reps('Patient'), ...reps('Payment'), ...reps('Clinic', 1)] } });
      expect(ok.status).toBe(200);
      expect(ok.body.data._entities.map((e: { __typename: string } | null) => e?.__typename)).toEqual(['Patient', 'Patient', 'Payment', 'Payment', 'Clinic']);

      for (const [r, field] of [
        [[{ __typename: 'Nope', id: '1' }], 'representations[0].__typename'],
        [[{ id: '1' }], 'representations[0]'],
        [['x'], 'representations[0]'],
        [[{ __typename: 'Patient', id: '1' }, { __typename: 'Viewer' }], 'representations[1].__typename'],
      ] as const) {
        const bad = await gql(server.app, ENTITIES, { key: reader, variables: { r } });
        expect([bad.status, codeOf(bad), bad.body.errors?.[0]?.extensions?.field], JSON.stringify(r)).toEqual([400, 'BAD_USER_INPUT', field]);
      }
    } finally {
      await server.close();
    }
  });
});
