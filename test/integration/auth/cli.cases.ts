import type { HarnessIt } from '../../harness/harness.js';
import { expect, vi } from 'vitest';
import type { Command } from 'commander';
import type { Db } from '../../../src/db/createDb.js';
import { parseConfig } from '../../../src/config/loadConfig.js';
import { clientsCommand } from '../../../src/cli/clientsCommand.js';
import { keysCommand } from '../../../src/cli/keysCommand.js';
import { logsCommand } from '../../../src/cli/logsCommand.js';
import { apiCommand } from '../../../src/cli/apiCommand.js';
import { seedIdentityBasics } from './identityFixture.js';

/** Runs one CLI command against `db` (kept open) and returns what it printed. */
async function run(make: (deps: any) => Command, db: Db, args: string[]): Promise<string> {
  const deps = { loadConfig: () => parseConfig({}), openDb: async () => ({ ...db, destroy: async () => undefined }) };
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => {
    out.push(String(chunk));
    return true;
  });
  try {
    await make(deps).exitOverride().parseAsync(args, { from: 'user' });
  } finally {
    spy.mockRestore();
  }
  return out.join('');
}

/** `chartgate clients|keys|api|logs` against a real database, --json and plain. */
export function cliCases(it: HarnessIt) {
  it('clients create/list/show/suspend/resume, keys rotate/revoke, api, logs', async ({ db }) => {
    const { clinics } = await seedIdentityBasics(db);
    const created = JSON.parse(
      await run(clientsCommand, db, [
        'create',
        '--name',
        'Reporting Co',
        '--kind',
        'dashboard',
        '--scopes',
        'patients:read,schedule:read',
        '--clinics',
        String(clinics[0]),
        '--ips',
        '10.0.0.0/8,2001:db8::/32',
        '--json',
      ]),
    );
    expect(created.client).toMatchObject({
      name: 'Reporting Co',
      kind: 'dashboard',
      status: 'active',
      scopes: ['patients:read', 'schedule:read'],
      clinicIds: [clinics[0]],
      ipAllowList: ['10.0.0.0/8', '2001:db8::/32'],
    });
    expect(created.key.key).toMatch(/^cg_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    const id = String(created.client.id);

    const list = JSON.parse(await run(clientsCommand, db, ['list', '--json']));
    expect(list.map((c: any) => c.name)).toEqual(['Reporting Co']);
    expect(JSON.stringify(list)).not.toContain(created.key.key.slice(12));
    expect(await run(clientsCommand, db, ['show', id])).toContain('scopes:   patients:read schedule:read');

    expect(JSON.parse(await run(clientsCommand, db, ['suspend', id, '--reason', 'audit', '--json']))).toMatchObject({
      status: 'suspended',
      suspendedReason: 'audit',
    });
    expect(await run(clientsCommand, db, ['resume', id])).toContain('active again');

    const rotated = JSON.parse(await run(keysCommand, db, ['rotate', id, '--grace', '60', '--json']));
    expect(rotated.prefix).not.toBe(created.key.prefix);
    const revoked = JSON.parse(await run(keysCommand, db, ['revoke', String(created.key.id), '--json']));
    expect(revoked).toMatchObject({ id: created.key.id, clientId: created.client.id });
    const shown = JSON.parse(await run(clientsCommand, db, ['show', id, '--json']));
    expect(shown.keys.map((k: any) => k.status)).toEqual(['revoked', 'active']);

    expect(JSON.parse(await run(apiCommand, db, ['disable', '--reason', 'maintenance', '--json']))).toEqual({ enabled: false, reason: 'maintenance' });
    expect(await run(apiCommand, db, ['enable'])).toContain('API is enabled');

    await db.interactive
      .insertInto('gw_request_log')
      .values(
        [0, 1].map((i) => ({
          client_id: created.client.id,
          key_id: created.key.id,
          request_id: `r${i}`,
          operation_name: 'Q',
          operation_hash: 'h',
          status: i ? 403 : 200,
          error_code: i ? 'FORBIDDEN' : null,
          duration_ms: 3,
          rows: 1,
          cost: 1,
          client_ip: '10.0.0.1',
          created_at: new Date().toISOString().slice(0, 19).replace('T', ' '),
        })),
      )
      .execute();
    const logs = JSON.parse(await run(logsCommand, db, ['--client', id, '--code', 'FORBIDDEN', '--since', '1h', '--json']));
    expect(logs.map((l: any) => l.requestId)).toEqual(['r1']);
    expect(await run(logsCommand, db, ['--client', id])).toContain('FORBIDDEN');

    const audit = await db.interactive.selectFrom('securitylog').select('PermType').orderBy('SecurityLogNum').execute();
    expect(audit.map((r) => r.PermType)).toEqual(['ClientCreate', 'ClientSuspend', 'ClientResume', 'ApiKeyRotate', 'ApiKeyRevoke', 'ApiDisable', 'ApiEnable']);
  });
}
