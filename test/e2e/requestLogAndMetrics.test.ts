import { describe, expect } from 'vitest';
import { harness, matrix, seedDemo } from '../harness/harness.js';
import { adminService } from '../integration/auth/identityFixture.js';
import { codeOf, gql, identityServer } from './identityServer.js';

const ACCESS_CODES = ['UNAUTHENTICATED', 'FORBIDDEN', 'CLIENT_SUSPENDED', 'API_DISABLED'];

/** chartgate_rejections_total by "client code" from a Prometheus scrape. */
function rejectionsOf(scrape: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of scrape.matchAll(/^chartgate_rejections_total\{client="([^"]*)",code="([^"]*)"\} (\d+)$/gm)) out.set(`${m[1]} ${m[2]}`, Number(m[3]));
  return out;
}

/** The integration log and the metrics agree: the cost a response reports is the logged cost, and every logged refusal is counted. */
describe.each(matrix())('[%s] the integration log and the rejection metrics', (_name, dialect) => {
  const it = harness(dialect);

  it('logs the cost the response reports, and counts every refusal it logs', async ({ db }) => {
    await seedDemo(db);
    const admin = adminService(db);
    const reader = await admin.create({ name: 'reader', kind: 'dashboard', scopes: ['patients:read', 'schedule:read'] });
    const writeOnly = await admin.create({ name: 'write only', kind: 'dso', scopes: ['patients:write'] });
    const fenced = await admin.create({ name: 'fenced', kind: 'dashboard', scopes: ['patients:read'], ipAllowList: ['10.9.9.9'] });
    const victim = await admin.create({ name: 'victim', kind: 'dashboard', scopes: ['patients:read'] });
    const server = await identityServer(db);
    try {
      await server.listen();
      const priced = await gql(server.app, '{ patients(first: 3) { nodes { id firstName appointments(first: 2) { nodes { id } } } } }', {
        key: reader.key.key,
        headers: { 'x-request-id': 'priced-request' },
      });
      const actual = (priced.body as { extensions: { cost: { actualQueryCost: number } } }).extensions.cost.actualQueryCost;
      expect(actual).toBeGreaterThan(3);

      const refusals: Array<[Promise<{ body: unknown }>, string]> = [
        [gql(server.app, '{ viewer { scopes } }'), 'UNAUTHENTICATED'],
        [gql(server.app, '{ viewer { scopes } }', { key: 'cg_00000000_notakeynotakeynotakeynotakeynotakeynota' }), 'UNAUTHENTICATED'],
        // the scope check before execution
        [gql(server.app, '{ procedures(first: 1) { nodes { id } } }', { key: reader.key.key }), 'FORBIDDEN'],
        // a directory read without a read scope, refused while the request runs
        [gql(server.app, '{ clinics { id } }', { key: writeOnly.key.key }), 'FORBIDDEN'],
        // the IP allow list
        [gql(server.app, '{ viewer { scopes } }', { key: fenced.key.key, remoteAddress: '192.0.2.7' }), 'FORBIDDEN'],
      ];
      for (const [send, code] of refusals) expect(codeOf((await send) as never)).toBe(code);
      await admin.suspend(victim.client.id, 'metrics test');
      await server.identity.store.poll();
      expect(codeOf(await gql(server.app, '{ viewer { scopes } }', { key: victim.key.key }))).toBe('CLIENT_SUSPENDED');
      await admin.setApiEnabled(false, 'metrics test');
      await server.identity.store.poll();
      expect(codeOf(await gql(server.app, '{ viewer { scopes } }', { key: reader.key.key }))).toBe('API_DISABLED');
      await admin.setApiEnabled(true, null);
      await server.identity.store.poll();

      await server.requestLog!.flush();
      const rows = await db.interactive.selectFrom('gw_request_log').select(['request_id', 'client_id', 'error_code', 'cost']).execute();
      // the cost is the response's, read from the request's own state
      expect(Number(rows.find((r) => r.request_id === 'priced-request')?.cost)).toBe(actual);

      const logged = new Map<string, number>();
      for (const r of rows)
        if (r.error_code && ACCESS_CODES.includes(r.error_code))
          logged.set(`${r.client_id} ${r.error_code}`, (logged.get(`${r.client_id} ${r.error_code}`) ?? 0) + 1);
      expect([...new Set([...logged.keys()].map((k) => k.split(' ')[1]))].sort()).toEqual([...ACCESS_CODES].sort());
      const counted = rejectionsOf(await (await fetch(server.metrics.url()!)).text());
      for (const [key, n] of logged) expect(counted.get(key) ?? 0, key).toBe(n);
    } finally {
      await server.close();
    }
  });
});
