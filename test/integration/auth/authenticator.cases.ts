import type { HarnessIt } from '../../harness/harness.js';
import { expect } from 'vitest';
import { DomainError } from '../../../src/lib/DomainError.js';
import type { Principal } from '../../../src/auth/Principal.js';
import { createAuthenticator, UNAUTHENTICATED_MESSAGE } from '../../../src/auth/createAuthenticator.js';
import { createIdentityStore } from '../../../src/auth/createIdentityStore.js';
import { createTokenService } from '../../../src/auth/createTokenService.js';
import { createGateway } from '../../../src/gateway/createGateway.js';
import { createKillSwitch } from '../../../src/killSwitch/createKillSwitch.js';
import { DUMMY_SECRET_HASH, secretMatches } from '../../../src/lib/hashSecret.js';
import { adminService, seedIdentityBasics, testIdentity } from './identityFixture.js';

const READS = ['patients:read', 'schedule:read'];

/** Runs `fn` and returns the DomainError it throws (fails the test when it does not throw one). */
async function refusal(fn: () => Promise<unknown>): Promise<DomainError> {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return e as DomainError;
  }
  throw new Error('expected a refusal');
}

/** The authenticator's rules against a real database; `fresh()` gives a migrated, empty Db. */
export function authenticatorCases(it: HarnessIt) {
  it('a key authenticates to its client: scopes, clinics and the service user', async ({ db }) => {
    const { clinics } = await seedIdentityBasics(db);
    const { client, key } = await adminService(db).create({ name: 'Acme dash', kind: 'dashboard', scopes: READS, clinicIds: [clinics[0]] });
    expect(client.serviceUser.userName).toMatch(/^svc_acme_dash/);
    const id = testIdentity(db);
    await id.start();
    try {
      const p: Principal = await id.authenticate({ authorization: `Bearer ${key.key}`, ip: '127.0.0.1' });
      expect(p.clientId).toBe(client.id);
      expect(p.keyId).toBe(key.id);
      expect([...p.scopes].sort()).toEqual(READS);
      expect([...(p.clinicIds ?? [])]).toEqual([clinics[0]]);
      expect(p.actingUser).toEqual(client.serviceUser);
      // only the hash is stored
      const rows = await db.interactive.selectFrom('gw_api_key').selectAll().execute();
      expect(JSON.stringify(rows)).not.toContain(key.key.slice(12));
    } finally {
      await id.stop();
    }
  });

  it('missing, malformed, unknown, wrong-secret, expired and revoked credentials all get one generic 401', async ({ db }) => {
    let now = new Date('2030-01-01T00:00:00Z');
    const clock = () => now;
    const admin = adminService(db, clock);
    const { client, key } = await admin.create({ name: 'k', kind: 'dashboard', scopes: READS });
    const { key: expiring } = await admin.create({ name: 'e', kind: 'dashboard', scopes: READS, keyExpiresAt: '2030-01-01 00:10:00' });
    const { key: revoked } = await admin.rotateKey(client.id, 3600);
    await admin.revokeKey(revoked.id);
    const id = testIdentity(db, { clock });
    await id.start();
    try {
      expect((await id.authenticate({ authorization: `Bearer ${expiring.key}`, ip: '1.1.1.1' })).keyId).toBe(expiring.id);
      now = new Date('2030-01-01T00:11:00Z');
      const bad = [
        undefined,
        '',
        'Basic abc',
        'Bearer',
        'Bearer not-a-key',
        `Bearer cg_00000000_${'A'.repeat(43)}`,
        `Bearer ${key.prefix}_${'A'.repeat(43)}`,
        `Bearer ${expiring.key}`,
        `Bearer ${revoked.key}`,
        'Bearer aaa.bbb.ccc',
      ];
      for (const authorization of bad) {
        const e = await refusal(() => id.authenticate({ authorization, ip: '1.1.1.1' }));
        expect(e.code, String(authorization)).toBe('UNAUTHENTICATED');
        expect(e.message).toBe(UNAUTHENTICATED_MESSAGE);
        expect(e.details).toBeUndefined();
      }
      // the rotated-out key is still inside its grace period
      expect((await id.authenticate({ authorization: `Bearer ${key.key}`, ip: '1.1.1.1' })).clientId).toBe(client.id);
    } finally {
      await id.stop();
    }
  });

  // the same work either way, so timing cannot tell them apart (the measured medians: benchmarks/scenarios/authTiming.ts)
  it('an unknown prefix does the same work as a known prefix with a wrong secret: one sha256 comparison, one answer', async ({ db }) => {
    const { client, key } = await adminService(db).create({ name: 't', kind: 'dashboard', scopes: READS });
    const compared: string[] = [];
    const killSwitch = createKillSwitch({ db });
    const store = createIdentityStore({ source: createGateway(db).identity, clock: () => new Date(), pollMs: 0 });
    await store.start();
    const authenticate = createAuthenticator({
      identity: store,
      tokens: createTokenService({ secret: 's'.repeat(40), ttlS: 60, clock: () => new Date() }),
      lastUse: { touch: () => undefined, flush: async () => 0, start: () => undefined, stop: async () => undefined },
      actingUsers: async () => null,
      killSwitch,
      clock: () => new Date(),
      compareSecret: (secret, hash) => {
        compared.push(hash === DUMMY_SECRET_HASH ? 'dummy' : 'stored');
        return secretMatches(secret, hash);
      },
    });
    const known = await refusal(() => authenticate({ authorization: `Bearer ${key.prefix}_${'B'.repeat(43)}`, ip: '1.1.1.1' }));
    const unknown = await refusal(() => authenticate({ authorization: `Bearer cg_0badf00d_${'B'.repeat(43)}`, ip: '1.1.1.1' }));
    const malformed = await refusal(() => authenticate({ authorization: 'Bearer not-a-key', ip: '1.1.1.1' }));
    expect(compared).toEqual(['stored', 'dummy', 'dummy']);
    for (const e of [known, unknown, malformed])
      expect({ code: e.code, message: e.message, details: e.details }).toEqual({
        code: 'UNAUTHENTICATED',
        message: UNAUTHENTICATED_MESSAGE,
        details: undefined,
      });
    expect((await authenticate({ authorization: `Bearer ${key.key}`, ip: '1.1.1.1' })).clientId).toBe(client.id);
    await store.stop();
  });

  it('rotation keeps the old key for the grace period only', async ({ db }) => {
    let now = new Date('2030-01-01T00:00:00Z');
    const clock = () => now;
    const admin = adminService(db, clock, 600);
    const { client, key: old } = await admin.create({ name: 'r', kind: 'dashboard', scopes: READS });
    const { key: fresh1 } = await admin.rotateKey(client.id);
    const id = testIdentity(db, { clock });
    await id.start();
    try {
      for (const k of [old, fresh1]) expect((await id.authenticate({ authorization: `Bearer ${k.key}`, ip: '1.1.1.1' })).keyId).toBe(k.id);
      now = new Date('2030-01-01T00:10:01Z');
      expect((await refusal(() => id.authenticate({ authorization: `Bearer ${old.key}`, ip: '1.1.1.1' }))).code).toBe('UNAUTHENTICATED');
      expect((await id.authenticate({ authorization: `Bearer ${fresh1.key}`, ip: '1.1.1.1' })).keyId).toBe(fresh1.id);
      const shown = await admin.get(client.id);
      expect(shown.keys.map((k) => k.status)).toEqual(['expired', 'active']);
    } finally {
      await id.stop();
    }
  });

  it('last use is remembered in memory and written in one batch', async ({ db }) => {
    const { key } = await adminService(db).create({ name: 'lu', kind: 'dashboard', scopes: READS });
    const id = testIdentity(db);
    await id.start();
    try {
      for (let i = 0; i < 50; i++) await id.authenticate({ authorization: `Bearer ${key.key}`, ip: '1.1.1.1' });
      const before = await db.interactive.selectFrom('gw_api_key').select('last_used_at').where('id', '=', key.id).executeTakeFirstOrThrow();
      expect(before.last_used_at).toBeNull();
      expect(await id.lastUse.flush()).toBe(1);
      const after = await db.interactive.selectFrom('gw_api_key').select('last_used_at').where('id', '=', key.id).executeTakeFirstOrThrow();
      expect(after.last_used_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    } finally {
      await id.stop();
    }
  });

  it('IP allow lists (IPv4 and IPv6) answer FORBIDDEN outside the list', async ({ db }) => {
    const { key } = await adminService(db).create({ name: 'ip', kind: 'dso', scopes: READS, ipAllowList: ['10.0.0.0/8', '2001:db8::/32'] });
    const id = testIdentity(db);
    await id.start();
    try {
      const auth = (ip: string) => id.authenticate({ authorization: `Bearer ${key.key}`, ip });
      expect((await auth('10.1.2.3')).scopes.size).toBe(2);
      expect((await auth('2001:db8::42')).scopes.size).toBe(2);
      expect((await auth('::ffff:10.9.9.9')).scopes.size).toBe(2);
      for (const ip of ['11.0.0.1', '2001:db9::1', '::1']) expect((await refusal(() => auth(ip))).code).toBe('FORBIDDEN');
    } finally {
      await id.stop();
    }
  });

  it('suspension, the API switch and the acting user', async ({ db }) => {
    const { staff, inactiveStaff } = await seedIdentityBasics(db);
    const admin = adminService(db);
    const { client, key } = await admin.create({
      name: 'dso',
      kind: 'dso',
      scopes: [...READS, 'schedule:write'],
      mayActForStaff: true,
      staffUserNums: [staff, inactiveStaff],
    });
    const { key: adminKey } = await admin.create({ name: 'adm', kind: 'internal', scopes: ['admin'] });
    const { key: plainKey } = await admin.create({ name: 'plain', kind: 'dashboard', scopes: READS });
    const id = testIdentity(db);
    await id.start();
    const auth = (k: string, actingUser?: string) => id.authenticate({ authorization: `Bearer ${k}`, ip: '1.1.1.1', actingUser });
    try {
      expect((await auth(key.key, 'dr.jones')).actingUser).toEqual({ userNum: staff, userName: 'dr.jones' });
      expect((await refusal(() => auth(key.key, 'dr.gone'))).code).toBe('FORBIDDEN');
      expect((await refusal(() => auth(key.key, 'nobody'))).code).toBe('FORBIDDEN');
      expect((await refusal(() => auth(plainKey.key, 'dr.jones'))).code).toBe('FORBIDDEN');

      await admin.suspend(client.id, 'Unpaid invoice, call the office');
      await id.store.refresh();
      const s = await refusal(() => auth(key.key));
      expect(s.code).toBe('CLIENT_SUSPENDED');
      expect(s.details).toEqual({ reason: 'Unpaid invoice, call the office' });
      await admin.resume(client.id);
      await id.store.refresh();
      expect((await auth(key.key)).clientId).toBe(client.id);

      await admin.setApiEnabled(false, 'Upgrade in progress');
      await id.store.refresh();
      const d = await refusal(() => auth(plainKey.key));
      expect(d.code).toBe('API_DISABLED');
      expect(d.details).toEqual({ reason: 'Upgrade in progress' });
      expect((await auth(adminKey.key)).scopes.has('admin')).toBe(true); // admins can switch it back on
      await admin.setApiEnabled(true, null);
      await id.store.refresh();
      expect((await auth(plainKey.key)).clientId).toBeGreaterThan(0);

      const log = await db.interactive.selectFrom('securitylog').select(['PermType', 'FKey']).orderBy('SecurityLogNum').execute();
      expect(log.map((r) => r.PermType)).toEqual(expect.arrayContaining(['ClientCreate', 'ClientSuspend', 'ClientResume', 'ApiDisable', 'ApiEnable']));
    } finally {
      await id.stop();
    }
  });

  it('a second instance honours a suspension at its next poll', async ({ db }) => {
    const admin = adminService(db);
    const { client, key } = await admin.create({ name: 'two', kind: 'dashboard', scopes: READS });
    const second = testIdentity(db);
    await second.start();
    try {
      expect((await second.authenticate({ authorization: `Bearer ${key.key}`, ip: '1.1.1.1' })).clientId).toBe(client.id);
      await admin.suspend(client.id, 'kill switch drill');
      // until it polls, the second instance still holds its snapshot; one poll later it refuses (how soon: the kill-switch benchmark)
      expect((await second.authenticate({ authorization: `Bearer ${key.key}`, ip: '1.1.1.1' })).clientId).toBe(client.id);
      await second.store.poll();
      const code = await second.authenticate({ authorization: `Bearer ${key.key}`, ip: '1.1.1.1' }).then(
        () => '',
        (e: DomainError) => e.code,
      );
      expect(code).toBe('CLIENT_SUSPENDED');
    } finally {
      await second.stop();
    }
  });

  it('OAuth tokens: subset scopes, revocation, and they die with their key', async ({ db }) => {
    const admin = adminService(db);
    const { client, key } = await admin.create({ name: 'oauth', kind: 'dashboard', scopes: READS });
    const id = testIdentity(db);
    await id.start();
    try {
      const { token, claims } = await id.tokens.issue({ clientId: client.id, keyId: key.id, scopes: ['patients:read'] });
      const p = await id.authenticate({ authorization: `Bearer ${token}`, ip: '1.1.1.1' });
      expect([...p.scopes]).toEqual(['patients:read']);
      const { createGateway } = await import('../../../src/gateway/createGateway.js');
      await createGateway(db).revokeToken(claims.jti, claims.expiresAt);
      const other = testIdentity(db);
      await other.start();
      expect((await refusal(() => other.authenticate({ authorization: `Bearer ${token}`, ip: '1.1.1.1' }))).message).toBe(UNAUTHENTICATED_MESSAGE);
      await other.stop();
      const { token: t2 } = await id.tokens.issue({ clientId: client.id, keyId: key.id, scopes: READS });
      await admin.revokeKey(key.id);
      await id.store.refresh();
      expect((await refusal(() => id.authenticate({ authorization: `Bearer ${t2}`, ip: '1.1.1.1' }))).code).toBe('UNAUTHENTICATED');
    } finally {
      await id.stop();
    }
  });

  it('validates new clients (unknown scope, bad CIDR, unknown clinic)', async ({ db }) => {
    const admin = adminService(db);
    expect((await refusal(() => admin.create({ name: 'x', kind: 'dashboard', scopes: ['patients:read', 'everything'] }))).field).toBe('input.scopes[1]');
    expect((await refusal(() => admin.create({ name: 'x', kind: 'dashboard', scopes: READS, ipAllowList: ['10.0.0.0/40'] }))).field).toBe(
      'input.ipAllowList[0]',
    );
    expect((await refusal(() => admin.create({ name: 'x', kind: 'dashboard', scopes: READS, clinicIds: [999_999] }))).field).toBe('input.clinicIds');
    expect((await refusal(() => admin.create({ name: 'x', kind: 'robot', scopes: READS }))).field).toBe('input.kind');
  });
}
