import { Readable } from 'node:stream';
import { expect, vi } from 'vitest';
import { adminsCommand } from '../../../src/cli/adminsCommand.js';
import { DEMO_ADMIN_NAME, ensureDemoAdmin } from '../../../src/cli/ensureDemoAdmin.js';
import type { CliDeps } from '../../../src/cli/CliDeps.js';
import { parseConfig } from '../../../src/config/loadConfig.js';
import type { Db } from '../../../src/db/Db.js';
import { verifyPassword } from '../../../src/lib/passwordHash.js';
import type { HarnessIt } from '../../harness/harness.js';
import { adminsOf } from './consoleFixture.js';

/** Runs `chartgate admins ...` in this process against `db` (kept open), with `stdin` as standard input; returns what it printed. */
async function run(db: Db, args: string[], stdin?: string): Promise<string> {
  const deps: CliDeps = { loadConfig: () => parseConfig({}), openDb: async () => ({ ...db, destroy: async () => undefined }) };
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  const realStdin = Object.getOwnPropertyDescriptor(process, 'stdin')!;
  if (stdin !== undefined) Object.defineProperty(process, 'stdin', { value: Readable.from([Buffer.from(stdin)]), configurable: true });
  try {
    const command = adminsCommand(deps);
    const override = (c: typeof command) => {
      c.exitOverride();
      c.commands.forEach(override);
    };
    override(command);
    await command.parseAsync(args, { from: 'user' });
  } finally {
    spy.mockRestore();
    Object.defineProperty(process, 'stdin', realStdin);
  }
  return out.join('');
}

/** `chartgate admins create|list|disable|enable|reset-totp` on a real database. */
export function adminsCliCases(it: HarnessIt) {
  it('creates console users with a piped or a generated password, lists, disables, enables and resets TOTP', async ({ db }) => {
    const piped = JSON.parse(
      await run(db, ['create', '--user', 'jsmith', '--role', 'system-administrator', '--password-stdin', '--json'], 'a piped password 123\n'),
    );
    expect(piped).toEqual({ user: expect.objectContaining({ userName: 'jsmith', role: 'system-administrator', status: 'active' }) });
    const hash = (await db.admin.selectFrom('gw_admin_user').select('password_hash').where('user_name', '=', 'jsmith').executeTakeFirstOrThrow()).password_hash;
    expect(await verifyPassword('a piped password 123', hash)).toBe(true);

    const generated = JSON.parse(await run(db, ['create', '--user', 'audrey', '--role', 'auditor', '--json']));
    expect(generated.password).toMatch(/^[A-Za-z0-9_-]{20}$/);
    const plain = await run(db, ['create', '--user', 'lead', '--role', 'technical-lead']);
    expect(plain).toMatch(/password \(shown once.*\): [A-Za-z0-9_-]{20}/);

    const list = JSON.parse(await run(db, ['list', '--json']));
    expect(list.map((u: { userName: string; role: string }) => [u.userName, u.role])).toEqual([
      ['jsmith', 'system-administrator'],
      ['audrey', 'auditor'],
      ['lead', 'technical-lead'],
    ]);
    expect(JSON.stringify(list)).not.toContain('argon2');
    expect(JSON.parse(await run(db, ['disable', 'audrey', '--json'])).status).toBe('disabled');
    expect(JSON.parse(await run(db, ['enable', 'audrey', '--json'])).status).toBe('active');
    expect(await run(db, ['reset-totp', 'lead'])).toContain('lead');
    const perms = (await db.admin.selectFrom('securitylog').select(['PermType', 'UserNum', 'ProgramNum']).orderBy('SecurityLogNum').execute()).map(
      (r) => r.PermType,
    );
    expect(perms).toEqual(['AdminUserCreate', 'AdminUserCreate', 'AdminUserCreate', 'AdminUserDisable', 'AdminUserEnable', 'AdminTotpReset']);
  });

  it('refuses what the service refuses, naming the field, and an unknown user as not found', async ({ db }) => {
    await expect(run(db, ['create', '--user', 'x', '--role', 'auditor', '--password-stdin'], 'short')).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.password',
    });
    await expect(run(db, ['create', '--user', 'x', '--role', 'owner'])).rejects.toMatchObject({ code: 'commander.invalidArgument' });
    await expect(run(db, ['disable', 'nobody'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('the demo’s first start creates one System Administrator and returns its password once', async ({ db }) => {
    const first = await ensureDemoAdmin({ admins: adminsOf(db) });
    expect(first).toEqual({ userName: DEMO_ADMIN_NAME, password: expect.stringMatching(/^[A-Za-z0-9_-]{20}$/) });
    const hash = (await db.admin.selectFrom('gw_admin_user').select(['password_hash', 'role']).executeTakeFirstOrThrow()) as {
      password_hash: string;
      role: string;
    };
    expect(hash.role).toBe('system-administrator');
    expect(await verifyPassword(first!.password, hash.password_hash)).toBe(true);
    expect(await ensureDemoAdmin({ admins: adminsOf(db) })).toBeNull();
  });
}
