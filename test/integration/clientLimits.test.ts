import { describe, expect, vi } from 'vitest';
import { runCli } from '../../src/cli/runCli.js';
import { parseConfig } from '../../src/config/loadConfig.js';
import type { Db } from '../../src/db/Db.js';
import { harness, matrix } from '../harness/harness.js';

/** Runs the real command line against `db` and returns its exit code and what it wrote to stderr. */
async function cli(db: Db, args: string[]) {
  const err: string[] = [];
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err.push(String(chunk));
    return true;
  });
  try {
    const code = await runCli(['node', 'chartgate', ...args], {
      loadConfig: () => parseConfig({ db: { poolReporting: 4 } }),
      openDb: async () => ({ ...db, destroy: async () => undefined }),
    });
    return { code, stderr: err.join('') };
  } finally {
    spy.mockRestore();
    out.mockRestore();
  }
}

describe.each(matrix())('[%s] a class, share or limit that does not fit is refused, naming the field', (_name, dialect) => {
  const it = harness(dialect);
  const create = ['clients', 'create', '--name', 'X', '--kind', 'dashboard', '--scopes', 'patients:read'];

  it('by the CLI, with a usage exit code and the field in its message', async ({ db }) => {
    expect(await cli(db, [...create, '--class', 'vip'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Allowed choices are interactive, reporting, bulk'),
    });
    expect(await cli(db, [...create, '--limits', '{"maxConnections":0}'])).toMatchObject({ code: 2, stderr: expect.stringContaining('maxConnections') });
    expect(await cli(db, [...create, '--limits', '{"budgetRestorePerSecond":-5}'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('budgetRestorePerSecond'),
    });
    const overPool = await cli(db, [...create, '--limits', '{"maxConnections":9}', '--json']);
    expect(overPool.code).toBe(2);
    expect(JSON.parse(overPool.stderr)).toMatchObject({ error: { code: 'BAD_USER_INPUT', field: 'input.limits.maxConnections' } });
    expect(await cli(db, [...create, '--class', 'bulk', '--limits', '{"maxConnections":4}', '--json'])).toMatchObject({ code: 0 });
  });

  it('by the clients service behind the admin API', async ({ admin }) => {
    await expect(admin.create({ name: 'Y', kind: 'dashboard', scopes: ['patients:read'], class: 'vip' })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.class',
    });
    await expect(admin.create({ name: 'Y', kind: 'dashboard', scopes: ['patients:read'], limits: { maxConnections: -1 } })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.limits.maxConnections',
    });
  });
});
