import { vi } from 'vitest';
import { runCli } from '../../src/cli/runCli.js';
import type { ConfigInput } from '../../src/config/Config.js';
import { parseConfig } from '../../src/config/loadConfig.js';
import type { Db } from '../../src/db/createDb.js';
import { TEST_AUDIT_KEY } from '../harness/harness.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
  /** stdout as JSON (for --json runs) */
  json(): any;
}

/** Runs `chartgate ...args` in this process against `db` (left open), with the tests' AUDIT_KEY, and returns its exit code and output. */
export async function runChartgate(db: Db, args: readonly string[], config: ConfigInput = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => (out.push(String(chunk)), true));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => (err.push(String(chunk)), true));
  try {
    const code = await runCli(['node', 'chartgate', ...args], {
      loadConfig: () => parseConfig({ ...config, audit: { key: TEST_AUDIT_KEY, ...config.audit } }),
      openDb: async () => ({ ...db, destroy: async () => undefined }),
    });
    const text = out.join('');
    return { code, out: text, err: err.join(''), json: () => JSON.parse(text) };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
    process.exitCode = undefined;
  }
}
