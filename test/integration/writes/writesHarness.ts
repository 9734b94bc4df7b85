import { expect } from 'vitest';
import type { Principal } from '../../../src/auth/Principal.js';
import type { Db } from '../../../src/db/createDb.js';
import { isDomainError } from '../../../src/lib/DomainError.js';
import { servicesAs } from '../../harness/harness.js';

export const WRITE_SCOPES = [
  'patients:read',
  'patients:write',
  'schedule:read',
  'schedule:write',
  'clinical:read',
  'clinical:write',
  'billing:read',
  'billing:write',
];

export const writer = (opts: { clinicIds?: number[] | null; clientId?: number; userNum?: number; userName?: string } = {}): Principal => ({
  clientId: opts.clientId ?? 42,
  clientName: 'Front Desk Sync',
  keyId: 9,
  scopes: new Set(WRITE_SCOPES),
  clinicIds: opts.clinicIds ? new Set(opts.clinicIds) : null,
  actingUser: { userNum: opts.userNum ?? 77, userName: opts.userName ?? 'svc_front_desk_sync' },
});

/** A request's services for `principal` (a fresh request id and stamp each call). */
export const servicesFor = (db: Db, principal: Principal = writer()) => servicesAs(db, principal);

const TABLES = ['patient', 'appointment', 'histappointment', 'procedurelog', 'payment', 'paysplit', 'securitylog'] as const;

/** Row counts of every written table plus the securitylog tail: what "unchanged" means. */
export async function snapshot(db: Db) {
  const counts: Record<string, number> = {};
  for (const t of TABLES) {
    const r = await db.interactive
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[t] = Number(r.n);
  }
  const tail = await db.interactive
    .selectFrom('securitylog')
    .select(['SecurityLogNum', 'LogHash'])
    .orderBy('SecurityLogNum', 'desc')
    .limit(1)
    .executeTakeFirst();
  const versions = await db.interactive.selectFrom('appointment').select(['AptNum', 'RowVersion', 'AptStatus', 'AptDateTime']).orderBy('AptNum').execute();
  return { counts, tail: tail ? `${tail.SecurityLogNum}:${tail.LogHash}` : '', versions: JSON.stringify(versions) };
}

/** Runs `fn`, expects a DomainError with `code` (and `field`), and the database exactly as before. */
export async function expectRejected(db: Db, fn: () => Promise<unknown>, code: string, field?: string) {
  const before = await snapshot(db);
  let caught: unknown;
  try {
    await fn();
  } catch (e) {
    caught = e;
  }
  expect(isDomainError(caught), `expected a DomainError ${code}, got ${String(caught)}`).toBe(true);
  const err = caught as { code: string; field?: string; details?: Record<string, unknown> };
  expect(err.code).toBe(code);
  if (field !== undefined) expect(err.field).toBe(field);
  expect(await snapshot(db)).toEqual(before);
  return err;
}
