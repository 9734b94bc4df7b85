import type { HarnessIt } from '../../harness/harness.js';
import { expect } from 'vitest';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../../../src/db/createDb.js';
import { createSqlRunner } from '../../../src/db/SqlRunner.js';
import { createRequestLogStore, type RequestLogRow } from '../../../src/gateway/requestLog/createRequestLogStore.js';
import { createRequestLogWriter } from '../../../src/http/requestLog/createRequestLogWriter.js';
import { ensureDemoClients } from '../../../src/cli/ensureDemoClients.js';
import { systemPrincipal } from '../../../src/auth/Principal.js';
import { servicesAs } from '../../harness/harness.js';
import { seedIdentityBasics, testIdentity } from './identityFixture.js';

const row = (i: number, createdAt: string): RequestLogRow => ({
  client_id: 1,
  key_id: 1,
  request_id: `r-${i}`,
  operation_name: 'Q',
  operation_hash: 'a'.repeat(64),
  status: 200,
  error_code: null,
  duration_ms: 1,
  rows: 0,
  cost: 1,
  client_ip: '127.0.0.1',
  created_at: createdAt,
});
const count = async (db: Db) =>
  Number(
    (
      await db.interactive
        .selectFrom('gw_request_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** The integration log writer (batches, retention) and the demo clients. */
export function requestLogAndDemoCases(it: HarnessIt) {
  it('the log writer batches multi-row inserts off the request path and prunes by retention', async ({ db }) => {
    const statements: string[] = [];
    const runner = createSqlRunner(db, { clientId: 0, requestId: 'log-test', observers: [{ onStatement: (e) => statements.push(e.purpose) }] });
    const now = new Date('2030-06-01T12:00:00Z');
    const writer = createRequestLogWriter({ sink: createRequestLogStore(db, runner), clock: () => now, flushMs: 0, maxBatch: 500, retentionDays: 30 });
    for (let i = 0; i < 1200; i++) writer.push(row(i, '2030-06-01 11:59:00'));
    writer.push(row(9999, '2030-04-01 00:00:00')); // older than 30 days
    expect(await writer.flush()).toBeGreaterThan(0);
    await writer.stop();
    expect(await count(db)).toBe(1201);
    expect(statements.filter((p) => p === 'requestLog.insert').length).toBe(3); // 500 + 500 + 201
    await writer.prune();
    expect(await count(db)).toBe(1200);
  });

  it('demo clients are created once and their keys survive a restart', async ({ db }) => {
    const { clinics } = await seedIdentityBasics(db);
    const file = join(mkdtempSync(join(tmpdir(), 'cg-demo-')), 'demo-keys.json');
    const first = await ensureDemoClients(servicesAs(db, systemPrincipal()), file);
    expect(first.map((c) => c.role)).toEqual(['dashboard', 'dso', 'admin']);
    expect(first[1].clinicIds).toEqual(clinics);
    expect(first[1].scopes).toContain('schedule:write');
    expect(first[0].scopes.some((s) => s.endsWith(':write'))).toBe(false);
    expect(first[2].scopes).toContain('admin');
    expect(statSync(file).mode & 0o077).toBe(0);
    const second = await ensureDemoClients(servicesAs(db, systemPrincipal()), file);
    expect(second.map((c) => c.key)).toEqual(first.map((c) => c.key));
    expect(JSON.parse(readFileSync(file, 'utf8')).admin.key).toBe(first[2].key);
    const id = testIdentity(db);
    await id.start();
    try {
      for (const c of second) expect((await id.authenticate({ authorization: `Bearer ${c.key}`, ip: '127.0.0.1' })).clientId).toBe(c.clientId);
    } finally {
      await id.stop();
    }
  });
}
