import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect } from 'vitest';
import { harness, matrix, TEST_AUDIT_KEY } from '../harness/harness.js';

/**
 * The real `chartgate serve` in production on a fresh database: no demo practice, no demo clients,
 * no key on disk or on stdout, metrics only on their own port, and request logs without query
 * strings. The process is stopped by its pid.
 */
describe.each(matrix())('[%s] production exposes nothing by default', (name, dialect) => {
  const it = harness(dialect);

  it('serve seeds nothing, prints and stores no key, serves metrics apart and logs paths only', { timeout: 120_000 }, async ({ fresh, db }) => {
    const env: Record<string, string | undefined> = {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      PORT: '0',
      METRICS_PORT: '0',
      AUDIT_KEY: TEST_AUDIT_KEY,
      DEMO_CLIENTS: 'true',
      ...(name === 'mysql' ? { DATABASE_URL: fresh.url } : { SQLITE_FILE: fresh.sqliteFile }),
    };
    if (name !== 'mysql') delete env.DATABASE_URL;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/chartgate.ts', 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    try {
      const urls = await new Promise<{ api: string; metrics: string }>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          stdout += d.toString();
          const api = /serving GraphQL at (\S+)\/graphql/.exec(stdout)?.[1];
          const metrics = /metrics: curl -s (\S+)/.exec(stdout)?.[1];
          if (api && metrics) resolve({ api, metrics });
        });
        child.on('exit', () => reject(new Error(`serve exited early: ${stderr}`)));
      });
      const secret = 'Zzsecretname';
      const get = await fetch(`${urls.api}/graphql?query=${encodeURIComponent(`{ patients(search: "${secret}") { nodes { id } } }`)}`, {
        headers: { 'content-type': 'application/json' },
      });
      expect(get.status).toBe(401);
      expect((await fetch(`${urls.api}/metrics`)).status).toBe(404);
      const scraped = await fetch(urls.metrics);
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('chartgate_requests_total');
      expect(new URL(urls.metrics).hostname).toBe('127.0.0.1');

      process.kill(child.pid!, 'SIGTERM');
      await exited;

      // requests were logged, by path only
      expect(stdout).toMatch(/"path":"\/graphql"/);
      expect(stdout).not.toContain(secret);
      expect(stdout).not.toMatch(/cg_[0-9a-f]{8}_/);
      expect(stdout).not.toContain('Demo clients');
      const patients = await db.interactive
        .selectFrom('patient')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const clients = await db.interactive
        .selectFrom('gw_client')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect([Number(patients.n), Number(clients.n)]).toEqual([0, 0]);
      if (fresh.sqliteFile)
        expect(existsSync(dirname(fresh.sqliteFile)) && readdirSync(dirname(fresh.sqliteFile)).filter((f) => f.includes('key'))).toEqual([]);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
