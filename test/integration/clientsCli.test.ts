import { describe, expect } from 'vitest';
import { ExitCode } from '../../src/cli/exitCodes.js';
import type { Db } from '../../src/db/createDb.js';
import { harness, matrix } from '../harness/harness.js';
import { runChartgate } from '../support/runChartgate.js';
import { adminService, seedIdentityBasics, testIdentity } from './auth/identityFixture.js';

const chartgate = (db: Db, ...args: string[]) => runChartgate(db, args);

describe.each(matrix())('[%s] chartgate clients update / delete', (_name, dialect) => {
  const it = harness(dialect);

  it('update changes only the flags given, shows the effective limits, and another instance sees it after one poll', async ({ db }) => {
    const { clinics, staff } = await seedIdentityBasics(db);
    const { client, key } = await adminService(db).create({ name: 'Sync', kind: 'dso', scopes: ['patients:read'], clinicIds: [clinics[0]] });
    const other = testIdentity(db);
    await other.start();
    try {
      const r = await chartgate(
        db,
        'clients',
        'update',
        String(client.id),
        '--scopes',
        'patients:read,schedule:read',
        '--clinics',
        'all',
        '--ips',
        '10.0.0.0/8',
        '--class',
        'bulk',
        '--introspection',
        '--act-for',
        String(staff),
        '--limits',
        '{"maxCost":20000,"maxInFlight":2}',
        '--json',
      );
      expect(r.code, r.err).toBe(ExitCode.OK);
      const { client: updated, changedFields } = JSON.parse(r.out);
      expect(changedFields.sort()).toEqual(['allowIntrospection', 'class', 'clinicIds', 'ipAllowList', 'limits', 'mayActForStaff', 'scopes', 'staffUserIds']);
      expect(updated).toMatchObject({
        name: 'Sync',
        kind: 'dso',
        class: 'bulk',
        clinicIds: null,
        ipAllowList: ['10.0.0.0/8'],
        allowIntrospection: true,
        mayActForStaff: true,
        staffUserNums: [staff],
        limits: { own: { maxCost: 20000, maxInFlight: 2 }, effective: { maxCost: 20000, maxInFlight: 2, maxDepth: 12 }, defaults: { maxCost: 5000 } },
      });

      // the other instance (its own identity cache) reloads on its next poll
      const before = other.store.current().clients.get(client.id)!;
      expect([...before.scopes]).toEqual(['patients:read']);
      await other.store.poll();
      const after = other.store.current().clients.get(client.id)!;
      expect([...after.scopes]).toEqual(['patients:read', 'schedule:read']);
      expect(after.clinicIds).toBeNull();
      expect(after.limits).toEqual({ maxCost: 20000, maxInFlight: 2 });
      expect(after.class).toBe('bulk');

      const shown = await chartgate(db, 'clients', 'show', String(client.id));
      expect(shown.out).toMatch(/maxCost\s+20000 {2}own 20000, default 5000/);
      expect(shown.out).toMatch(/maxDepth\s+12\n/);

      // --no-introspection, --rollout, --mode, and a change of nothing
      const off = JSON.parse(
        (await chartgate(db, 'clients', 'update', String(client.id), '--no-introspection', '--rollout', 'log', '--mode', 'measure', '--json')).out,
      );
      expect(off.client).toMatchObject({ allowIntrospection: false, rollout: 'log', operationLog: true, mode: 'measure' });
      expect((await chartgate(db, 'clients', 'update', String(client.id), '--mode', 'measure')).out).toContain('nothing changed');

      const log = await db.interactive.selectFrom('securitylog').select(['PermType', 'Changes']).where('PermType', '=', 'ClientUpdate').execute();
      expect(log).toHaveLength(2);
      expect(JSON.parse(log[0]!.Changes).limits).toEqual([null, { maxCost: 20000, maxInFlight: 2 }]);
      expect(JSON.parse(log[1]!.Changes)).toEqual({ mode: ['enforce', 'measure'], operationLog: [false, true], allowIntrospection: [true, false] });
      expect((await other.authenticate({ authorization: `Bearer ${key.key}`, ip: '10.1.2.3' })).scopes.has('schedule:read')).toBe(true);
    } finally {
      await other.stop();
    }
  });

  it('refuses bad limits and values before anything runs, naming the field (exit 2)', async ({ db }) => {
    const { client } = await adminService(db).create({ name: 'Sync', kind: 'dso', scopes: ['patients:read'] });
    for (const [limits, field] of [
      ['{"maxcost":1}', 'maxcost'],
      ['{"maxCost":"lots"}', 'maxCost'],
      ['{"maxCost":-5}', 'maxCost'],
    ] as const) {
      for (const command of [
        ['clients', 'update', String(client.id), '--limits', limits],
        ['clients', 'create', '--name', 'X', '--kind', 'dso', '--scopes', 'patients:read', '--limits', limits],
      ]) {
        const r = await chartgate(db, ...command, '--json');
        expect(r.code).toBe(ExitCode.USAGE);
        // commander prints its own line first; the JSON error is the last line
        expect(JSON.parse(r.err.trim().split('\n').at(-1)!).error.message).toContain(field);
      }
    }
    const scope = await chartgate(db, 'clients', 'update', String(client.id), '--scopes', 'patients:read,teleport', '--json');
    expect(scope.code).toBe(ExitCode.USAGE);
    expect(JSON.parse(scope.err).error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.scopes[1]' });
    expect((await chartgate(db, 'clients', 'update', '4242', '--name', 'x')).code).toBe(ExitCode.NOT_FOUND);
    expect((await adminService(db).get(client.id)).limits.own).toBeNull();
    expect(await db.interactive.selectFrom('securitylog').select('PermType').where('PermType', '=', 'ClientUpdate').execute()).toHaveLength(0);
  });

  it('delete revokes every key, keeps the rows, hides the client from the list and refuses it everywhere', async ({ db }) => {
    const admin = adminService(db);
    const { client, key } = await admin.create({ name: 'Gone', kind: 'dashboard', scopes: ['patients:read'] });
    await admin.create({ name: 'Stays', kind: 'dashboard', scopes: ['patients:read'] });
    const other = testIdentity(db);
    await other.start();
    try {
      expect((await other.authenticate({ authorization: `Bearer ${key.key}`, ip: '10.1.2.3' })).clientId).toBe(client.id);
      const r = await chartgate(db, 'clients', 'delete', String(client.id), '--json');
      expect(r.code, r.err).toBe(ExitCode.OK);
      expect(JSON.parse(r.out)).toMatchObject({ revokedKeyIds: [key.id], client: { status: 'deleted', deletedAt: expect.stringMatching(/Z$/) } });
      await other.store.poll();
      await expect(other.authenticate({ authorization: `Bearer ${key.key}`, ip: '10.1.2.3' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });

      expect(JSON.parse((await chartgate(db, 'clients', 'list', '--json')).out).map((c: any) => c.name)).toEqual(['Stays']);
      expect(JSON.parse((await chartgate(db, 'clients', 'list', '--deleted', '--json')).out).map((c: any) => c.name)).toEqual(['Gone', 'Stays']);
      expect((await chartgate(db, 'clients', 'show', String(client.id))).out).toMatch(/status=deleted[\s\S]*deleted: /);
      expect((await chartgate(db, 'keys', 'rotate', String(client.id))).code).toBe(ExitCode.NOT_FOUND);
      // deleting twice changes nothing
      expect(JSON.parse((await chartgate(db, 'clients', 'delete', String(client.id), '--json')).out).revokedKeyIds).toEqual([]);
      expect(await db.interactive.selectFrom('gw_api_key').select(['revoked_at']).where('client_id', '=', client.id).execute()).toEqual([
        { revoked_at: expect.any(String) },
      ]);
      expect(await db.interactive.selectFrom('securitylog').select('PermType').where('PermType', '=', 'ClientDelete').execute()).toHaveLength(1);
    } finally {
      await other.stop();
    }
  });
});
