import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type FreshDb } from '../../harness/dialects.js';
import { TEST_AUDIT_KEY } from '../../harness/harness.js';
import { seedReadFixture, type ReadFixture } from '../readApi/readFixture.js';
import { servicesFor } from './writesHarness.js';

/** The real `chartgate audit verify` process: exit 0 on an intact chain, 5 (verification failed) naming the tampered row. */
describe.each(dialects.map((d) => [d.name, d] as const))('[%s] chartgate audit verify', (_name, dialect) => {
  let f: FreshDb;
  let fx: ReadFixture;
  beforeAll(async () => {
    f = await dialect.freshDb();
    fx = await seedReadFixture(f.db, { patients: 4, appointments: 2 });
    for (let i = 0; i < 5; i++) {
      const s = servicesFor(f.db);
      await s.patients.createPatient({ firstName: `V${i}`, lastName: 'Verify', clinicId: fx.clinics[0]! });
    }
  });
  afterAll(async () => {
    await f?.release();
  });

  const verify = (...args: string[]) => {
    const env = {
      ...process.env,
      ...(f.url ? { DATABASE_URL: f.url } : { SQLITE_FILE: f.sqliteFile!, DATABASE_URL: '' }),
      LOG_LEVEL: 'silent',
      AUDIT_KEY: TEST_AUDIT_KEY,
    };
    if (!f.url) delete (env as Record<string, string | undefined>).DATABASE_URL;
    return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/chartgate.ts', 'audit', 'verify', ...args], { env, encoding: 'utf8', timeout: 60_000 });
  };

  it('refuses to verify without the key the log was sealed with', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/chartgate.ts', 'audit', 'verify'], {
      env: { ...process.env, ...(f.url ? { DATABASE_URL: f.url } : { SQLITE_FILE: f.sqliteFile! }), LOG_LEVEL: 'silent', AUDIT_KEY: 'x'.repeat(40) },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(5);
    expect(r.stdout).toContain('HEAD INVALID: the log is sealed with another key');
  });

  it('passes, then says the tail was cut, then fails naming an edited row, then a deleted one', async () => {
    let r = verify();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('securitylog OK: 5 rows');
    const last = await f.db.interactive.selectFrom('securitylog').selectAll().where('SecurityLogNum', '=', 5).executeTakeFirstOrThrow();
    await f.db.interactive.deleteFrom('securitylog').where('SecurityLogNum', '=', 5).execute();
    r = verify();
    expect(r.status).toBe(5);
    expect(r.stdout).toContain('securitylog TAIL CUT after SecurityLogNum 4');
    await f.db.interactive.insertInto('securitylog').values(last).execute();
    expect(verify().status).toBe(0);
    await f.db.interactive.updateTable('securitylog').set({ UserNum: 999 }).where('SecurityLogNum', '=', 3).execute();
    r = verify('--json');
    expect(r.status).toBe(5);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, firstBad: { securityLogNum: 3, problem: 'content' } });
    await f.db.interactive.deleteFrom('securitylog').where('SecurityLogNum', '=', 3).execute();
    r = verify();
    expect(r.status).toBe(5);
    expect(r.stdout).toContain('TAMPERED at SecurityLogNum 4');
  });
});
