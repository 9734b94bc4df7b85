import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Principal } from '../../../src/auth/Principal.js';
import { createRequestContextFactory, type RequestPart } from '../../../src/context.js';
import { createDb, type Db } from '../../../src/db/createDb.js';
import { DomainError } from '../../../src/lib/DomainError.js';
import { ErrorCode } from '../../../src/lib/ErrorCode.js';
import { dialects, type FreshDb } from '../../harness/dialects.js';
import { testContextDeps } from '../../harness/harness.js';

const reader: Principal = {
  clientId: 7,
  clientName: 'queued reader',
  keyId: 1,
  scopes: new Set(['patients:read']),
  clinicIds: null,
  actingUser: { userNum: 1, userName: 'svc' },
};

/**
 * A statement that passed its checks and then waited in the pool's queue (here: the reporting
 * pool's one connection is held) must not be sent if its request was stopped meanwhile.
 */
describe.each(dialects)('a request stopped while its statement waits for a connection [$name]', (dialect) => {
  let fresh: FreshDb;
  let db: Db;
  beforeAll(async () => {
    fresh = await dialect.freshDb();
    db = fresh.url ? await createDb({ url: fresh.url, reportingPoolSize: 1 }) : fresh.db;
  });
  afterAll(async () => {
    if (db !== fresh.db) await db.destroy();
    await fresh?.release();
  });

  const run = async (stop: (ctl: { controller: AbortController; suspend: () => void }) => void) => {
    let checks = 0;
    let suspended = false;
    const part: RequestPart = {
      admit: () => {
        checks++;
        if (suspended) throw new DomainError(ErrorCode.CLIENT_SUSPENDED, 'This client is suspended');
      },
    };
    const contexts = createRequestContextFactory({
      ...testContextDeps(db),
      contributors: [() => part],
    });
    const controller = new AbortController();
    const ctx = contexts({ principal: reader, requestId: 'queued-1', signal: controller.signal });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let holding!: () => void;
    const nowHolding = new Promise<void>((r) => (holding = r));
    const holder = db.reporting.connection().execute(async () => {
      holding();
      await held;
    });
    await nowHolding;
    const queued = ctx.services.practice.listClinics();
    // the statement passed its first check and is now waiting for the held connection
    await vi.waitFor(() => expect(checks).toBe(1));
    stop({ controller, suspend: () => (suspended = true) });
    release();
    await holder;
    const outcome = await queued.then(
      () => 'sent',
      (e: { code?: string }) => e.code ?? 'failed',
    );
    return { outcome, checks, statements: ctx.stats.statements };
  };

  it('a hang-up: the statement is never sent', async () => {
    const r = await run(({ controller }) => controller.abort());
    expect(r).toEqual({ outcome: ErrorCode.QUERY_TIMEOUT, checks: 1, statements: 0 });
  });

  it('a suspension: the statement is never sent', async () => {
    const r = await run(({ suspend }) => suspend());
    expect(r).toEqual({ outcome: ErrorCode.CLIENT_SUSPENDED, checks: 2, statements: 0 });
  });

  it('neither: it runs once the connection is free', async () => {
    const r = await run(() => undefined);
    expect(r).toEqual({ outcome: 'sent', checks: 2, statements: 1 });
  });
});
