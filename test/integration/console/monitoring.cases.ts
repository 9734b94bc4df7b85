import { expect } from 'vitest';
import { createInstanceReporter } from '../../../src/auth/createInstanceReporter.js';
import { systemPrincipal } from '../../../src/auth/Principal.js';
import { createGateway } from '../../../src/gateway/createGateway.js';
import type { IdentitySnapshot } from '../../../src/gateway/identity/IdentitySnapshot.js';
import type { DomainError } from '../../../src/lib/DomainError.js';
import { scopesOfRole } from '../../../src/lib/consoleRoles.js';
import { contextAs, type HarnessIt } from '../../harness/harness.js';
import { seedIdentityBasics } from '../auth/identityFixture.js';
import { testClock } from './consoleFixture.js';

const logRow = (clientId: number, at: string, over: Record<string, unknown> = {}) => ({
  client_id: clientId,
  key_id: 1,
  request_id: `r-${Math.random()}`,
  operation_name: 'Q',
  operation_hash: null,
  status: 200,
  error_code: null,
  duration_ms: 5,
  rows: 1,
  cost: 10,
  client_ip: '10.0.0.1',
  created_at: at,
  db_ms: 3,
  ...over,
});

const reader = { ...systemPrincipal(), scopes: new Set(['admin:read', 'audit:read']) };

/** What the console watches, on both dialects: per-minute load, traffic, instances' epochs, keys, the chain check. */
export function monitoringCases(it: HarnessIt) {
  it('loadSeries groups the integration log per minute and client; traffic counts the last hour', async ({ db }) => {
    const clock = testClock(Date.UTC(2026, 10, 1, 12, 10, 30));
    // in time order, as the writer inserts them
    await createGateway(db).requestLog.insert([
      // outside the hour
      logRow(2, '2026-11-01 10:00:00'),
      // outside a five-minute window, inside the hour
      logRow(1, '2026-11-01 11:30:00'),
      logRow(1, '2026-11-01 12:08:05'),
      logRow(1, '2026-11-01 12:08:59', { status: 429, error_code: 'THROTTLED', cost: 0, db_ms: 0 }),
      logRow(2, '2026-11-01 12:08:10', { cost: 7, db_ms: 11 }),
      logRow(1, '2026-11-01 12:10:01', { status: 403, error_code: 'FORBIDDEN', cost: 0 }),
    ]);
    const budgets: number[] = [];
    const monitoring = contextAs(db, reader, { clock: clock.now }).services.monitoring;
    const series = await monitoring.loadSeries(5);
    expect(series.since).toBe('2026-11-01T12:06:00Z');
    expect(series.points).toEqual([
      { at: '2026-11-01T12:08:00Z', clientId: 1, requests: 2, errors: 1, throttled: 1, cost: 10, dbMs: 3 },
      { at: '2026-11-01T12:08:00Z', clientId: 2, requests: 1, errors: 0, throttled: 0, cost: 7, dbMs: 11 },
      { at: '2026-11-01T12:10:00Z', clientId: 1, requests: 1, errors: 1, throttled: 0, cost: 0, dbMs: 3 },
    ]);
    // no budget source in a one-shot process
    expect(series.budgets).toEqual(budgets);
    expect(await monitoring.trafficOf(1)).toEqual({ requests: 4, errors: 2, lastRequestAt: '2026-11-01T12:10:01Z' });
    expect(await monitoring.trafficOf(2)).toEqual({ requests: 1, errors: 0, lastRequestAt: '2026-11-01T12:08:10Z' });
    expect(await monitoring.trafficOf(3)).toEqual({ requests: 0, errors: 0, lastRequestAt: null });
    expect((await monitoring.lastRequest(1))?.errorCode).toBe('FORBIDDEN');
    const bad = (await monitoring.loadSeries(121).catch((e: DomainError) => e)) as DomainError;
    expect(bad).toMatchObject({ code: 'BAD_USER_INPUT', field: 'minutes' });
    const forbidden = (await contextAs(db, { ...reader, scopes: new Set(['patients:read']) })
      .services.monitoring.loadSeries(5)
      .catch((e: DomainError) => e)) as DomainError;
    expect(forbidden.code).toBe('FORBIDDEN');
  });

  it('identityStatus: an instance honours a change once it reports the current epoch; a silent one counts as gone', async ({ db, admin }) => {
    await seedIdentityBasics(db);
    const { client } = await admin.create({ name: 'Watched', kind: 'dashboard', scopes: ['patients:read'] });
    const gateway = createGateway(db);
    const clock = testClock(Date.now());
    const snapshotOf = async () => (await gateway.identity.load(clock.now())) as IdentitySnapshot;
    const a = createInstanceReporter({ store: gateway.instances, clock: clock.now, heartbeatMs: 0 });
    const b = createInstanceReporter({ store: gateway.instances, clock: clock.now, heartbeatMs: 0 });
    a.noteSnapshot(await snapshotOf());
    b.noteSnapshot(await snapshotOf());
    await a.start();
    await b.start();
    const status = () => contextAs(db, reader, { clock: clock.now }).services.monitoring.identityStatus();
    let s = await status();
    expect(s.instances.map((i) => [i.live, i.current])).toEqual([
      [true, true],
      [true, true],
    ]);
    await admin.suspend(client.id, 'investigating');
    s = await status();
    expect(s.instances.every((i) => !i.current)).toBe(true);
    // instance a reloads (its poller would): it reports the new epoch at once
    a.noteSnapshot(await snapshotOf());
    await a.report();
    s = await status();
    expect(s.instances.find((i) => i.id === a.id)?.current).toBe(true);
    expect(s.instances.find((i) => i.id === b.id)?.current).toBe(false);
    // b stops reporting: after three heartbeats it is gone, and only live instances must honour a change
    clock.advance(60_000);
    await a.report();
    s = await status();
    expect(s.instances.find((i) => i.id === b.id)?.live).toBe(false);
    expect(s.instances.filter((i) => i.live).every((i) => i.current)).toBe(true);
    await b.stop();
    await a.stop();
    expect(await gateway.instances.list()).toEqual([]);
  });

  it('issueKey adds a key (optionally expiring) and leaves the others working; bad expiries name the field', async ({ db, admin }) => {
    await seedIdentityBasics(db);
    const { client, key } = await admin.create({ name: 'Keys', kind: 'dso', scopes: ['patients:read'] });
    const issued = await admin.issueKey(client.id, '2099-01-01T00:00:00Z');
    expect(issued.key.key).toMatch(/^cg_[0-9a-f]{8}_/);
    expect(issued.key.expiresAt).toBe('2099-01-01T00:00:00Z');
    expect(issued.client.keys.map((k) => [k.prefix, k.status, k.expiresAt])).toEqual([
      [key.prefix, 'active', null],
      [issued.key.prefix, 'active', '2099-01-01T00:00:00Z'],
    ]);
    for (const bad of ['2000-01-01T00:00:00Z', 'tomorrow']) {
      const e = (await admin.issueKey(client.id, bad).catch((err: DomainError) => err)) as DomainError;
      expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.expiresAt' });
    }
    const auditor = contextAs(db, { ...systemPrincipal(), scopes: scopesOfRole('auditor') }).services.clients;
    expect(((await auditor.issueKey(client.id, null).catch((e: DomainError) => e)) as DomainError).code).toBe('FORBIDDEN');
    expect((await auditor.list()).map((c) => c.name)).toEqual(['Keys']);
    const log = await db.admin.selectFrom('securitylog').select('PermType').where('PermType', '=', 'ApiKeyCreate').execute();
    expect(log).toHaveLength(1);
  });

  it('verifySecurityLog needs audit:read and reports the chain', async ({ db, admin }) => {
    await seedIdentityBasics(db);
    await admin.create({ name: 'Chain', kind: 'dso', scopes: ['patients:read'] });
    const verdict = await contextAs(db, reader).services.monitoring.verifySecurityLog();
    expect(verdict).toMatchObject({ ok: true });
    expect(verdict.checked).toBeGreaterThan(0);
    const e = (await contextAs(db, { ...reader, scopes: new Set(['admin:read']) })
      .services.monitoring.verifySecurityLog()
      .catch((err: DomainError) => err)) as DomainError;
    expect(e.code).toBe('FORBIDDEN');
  });
}
