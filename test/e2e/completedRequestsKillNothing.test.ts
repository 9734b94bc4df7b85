import { describe, expect } from 'vitest';
import { harness, matrix, seedDemo } from '../harness/harness.js';
import { adminService } from '../integration/auth/identityFixture.js';
import { gql, identityServer } from './identityServer.js';

/**
 * A request whose response was written never sends KILL QUERY: that lookup runs after the request
 * and could end whatever statement the pooled connection runs next (another request's).
 */
describe.each(matrix())('[%s] completed requests kill nothing', (_name, dialect) => {
  const it = harness(dialect);

  it('no KILL QUERY after answered requests (inject never flushes a socket)', async ({ db }) => {
    await seedDemo(db);
    const client = await adminService(db).create({ name: 'reader', kind: 'dashboard', scopes: ['patients:read'] });
    const server = await identityServer(db);
    try {
      const killed: string[] = [];
      const kill = server.killSwitch.killRequest;
      Object.assign(server.killSwitch, { killRequest: (marker: string) => (killed.push(marker), kill(marker)) });
      for (let i = 0; i < 5; i++) expect((await gql(server.app, '{ patients(first: 2) { nodes { id } } }', { key: client.key.key })).status).toBe(200);
      expect(killed).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
