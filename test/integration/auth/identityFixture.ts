import type { Db } from '../../../src/db/createDb.js';
import { createIdentity, type Identity } from '../../../src/auth/createIdentity.js';
import { createGateway } from '../../../src/gateway/createGateway.js';
import { createKillSwitch } from '../../../src/killSwitch/createKillSwitch.js';
import type { ClientsService } from '../../../src/services/clients/clients.service.js';
import { adminServicesOf } from '../../harness/harness.js';

const NOW = '2026-01-01 00:00:00';
const stamp = { SecUserNumEntry: 0, SecProgramNumEntry: 0, SecUserNumEdit: 0, SecProgramNumEdit: 0, SecDateTEntry: NOW, DateTStamp: NOW, RowVersion: 1 };

/** Two clinics and two staff users (one inactive), inserted directly: each test seeds its own data. */
export async function seedIdentityBasics(db: Db): Promise<{ clinics: [number, number]; staff: number; inactiveStaff: number }> {
  const clinic = async (name: string) =>
    Number(
      (
        await db.interactive
          .insertInto('clinic')
          .values({ Description: name, Abbr: name.slice(0, 4), Address: '', City: '', State: '', Zip: '', Phone: '', IsHidden: 0, ...stamp })
          .executeTakeFirstOrThrow()
      ).insertId,
    );
  const user = async (name: string, hidden: number) =>
    Number(
      (
        await db.interactive
          .insertInto('userod')
          .values({ UserName: name, ProvNum: 0, ClinicNum: 0, IsHidden: hidden, IsServiceUser: 0, ...stamp })
          .executeTakeFirstOrThrow()
      ).insertId,
    );
  return { clinics: [await clinic('North'), await clinic('South')], staff: await user('dr.jones', 0), inactiveStaff: await user('dr.gone', 1) };
}

export function adminService(db: Db, clock: () => Date = () => new Date(), keyRotationGraceS = 86_400): ClientsService {
  return adminServicesOf(db, { clock, keyRotationGraceS });
}

/** One instance's identity (store, tokens, authenticator) with its own kill switch; polling is left to the test (`store.poll()`) unless pollMs is given. */
export function testIdentity(db: Db, opts: { clock?: () => Date; trustedProxies?: string[]; pollMs?: number; tokenSecret?: string } = {}): Identity {
  const holder: { identity?: Identity } = {};
  const killSwitch = createKillSwitch({ db, snapshot: () => holder.identity!.store.current() });
  holder.identity = createIdentity({
    gateway: createGateway(db, opts.clock),
    killSwitch,
    clock: opts.clock,
    options: {
      tokenSecret: opts.tokenSecret ?? 's'.repeat(40),
      tokenTtlS: 900,
      trustedProxies: opts.trustedProxies ?? [],
      pollMs: opts.pollMs ?? 0,
      lastUseFlushMs: 0,
    },
  });
  return holder.identity;
}
