import { createHmac } from 'node:crypto';
import { describe, expect } from 'vitest';
import { canonicalJson } from '../../../src/audit/canonicalJson.js';
import { createSecurityLog } from '../../../src/audit/SecurityLog.js';
import { securityLogContent } from '../../../src/audit/securityLogContent.js';
import { securityLogHash } from '../../../src/audit/securityLogHash.js';
import { SECURITY_LOG_HEAD } from '../../../src/audit/securityLogHead.js';
import type { Db } from '../../../src/db/createDb.js';
import { harness, matrix, testSecurityLog } from '../../harness/harness.js';
import { seedReadFixture } from '../readApi/readFixture.js';
import { servicesFor } from '../writes/writesHarness.js';

type Row = Record<string, unknown> & { SecurityLogNum: number; LogHash: string; PrevHash: string };

/**
 * The attacker of docs/audit.md: full write access to the database, no AUDIT_KEY. Each attack
 * rewrites what it touches as well as it can: the unkeyed hash chain, or a MAC under a guessed key.
 */
const attackerHashes = {
  unkeyed: (row: Record<string, unknown>) => securityLogHash(row),
  guessedKey: (row: Record<string, unknown>) =>
    createHmac('sha256', 'a guess at the key, not the key')
      .update(String(row.PrevHash) + canonicalJson(securityLogContent(row)))
      .digest('hex'),
};

async function writeSix(db: Db): Promise<void> {
  const fx = await seedReadFixture(db, { patients: 2, appointments: 1 });
  for (let i = 0; i < 6; i++) await servicesFor(db).patients.createPatient({ firstName: `T${i}`, lastName: 'Tamper', clinicId: fx.clinics[0]! });
}

const rowsOf = async (db: Db): Promise<Row[]> =>
  (await db.interactive.selectFrom('securitylog').selectAll().orderBy('SecurityLogNum').execute()).map((r) => ({
    ...r,
    SecurityLogNum: Number(r.SecurityLogNum),
  }));

/** Rewrites rows from index `from` on so that every PrevHash/LogHash pair chains again under `hash`. */
async function rechain(db: Db, rows: Row[], from: number, hash: (row: Record<string, unknown>) => string): Promise<void> {
  let prev = from > 0 ? rows[from - 1]!.LogHash : '';
  for (const row of rows.slice(from)) {
    const next = { ...row, PrevHash: prev };
    const LogHash = hash(next);
    await db.interactive.updateTable('securitylog').set({ PrevHash: prev, LogHash }).where('SecurityLogNum', '=', row.SecurityLogNum).execute();
    prev = LogHash;
  }
}

describe.each(matrix())('[%s] the keyed security log against an attacker without the key', (_name, dialect) => {
  const it = harness(dialect);

  it('an intact log verifies, with its signed head on the last row', async ({ db }) => {
    await writeSix(db);
    expect(await testSecurityLog.verify(db)).toMatchObject({ ok: true, checked: 6, head: { from: 1, n: 6 } });
  });

  for (const [how, hash] of Object.entries(attackerHashes)) {
    it(`edit a row and rehash the tail (${how}): names the edited row`, async ({ db }) => {
      await writeSix(db);
      const rows = await rowsOf(db);
      rows[2]!.LogText = 'Patient 3 created by nobody';
      await db.interactive
        .updateTable('securitylog')
        .set({ LogText: String(rows[2]!.LogText) })
        .where('SecurityLogNum', '=', 3)
        .execute();
      await rechain(db, rows, 2, hash);
      expect(await testSecurityLog.verify(db)).toMatchObject({ ok: false, firstBad: { securityLogNum: 3, problem: 'content' } });
    });

    it(`delete a row, renumber and rehash the rest (${how}): names the row at the deleted number`, async ({ db }) => {
      await writeSix(db);
      await db.interactive.deleteFrom('securitylog').where('SecurityLogNum', '=', 3).execute();
      for (let n = 4; n <= 6; n++)
        await db.interactive
          .updateTable('securitylog')
          .set({ SecurityLogNum: n - 1 })
          .where('SecurityLogNum', '=', n)
          .execute();
      await rechain(db, await rowsOf(db), 2, hash);
      expect(await testSecurityLog.verify(db)).toMatchObject({ ok: false, firstBad: { securityLogNum: 3, problem: 'content' } });
    });

    it(`append a forged row (${how}): names it`, async ({ db }) => {
      await writeSix(db);
      const rows = await rowsOf(db);
      const { LogHash: _drop, ...last } = rows[5]!;
      const forged = { ...last, SecurityLogNum: 7, PermType: 'PatientEdit', LogText: 'Patient 1 edited (Email)', PrevHash: rows[5]!.LogHash };
      await db.interactive
        .insertInto('securitylog')
        .values({ ...forged, LogHash: hash(forged) } as never)
        .execute();
      expect(await testSecurityLog.verify(db)).toMatchObject({ ok: false, firstBad: { securityLogNum: 7, problem: 'content' } });
    });
  }

  it('delete the last rows: says the tail was cut', async ({ db }) => {
    await writeSix(db);
    await db.interactive.deleteFrom('securitylog').where('SecurityLogNum', '>=', 5).execute();
    const verdict = await testSecurityLog.verify(db);
    expect(verdict).toMatchObject({ ok: false, checked: 4, firstBad: { securityLogNum: 5, problem: 'truncated' } });
    expect(verdict.firstBad?.detail).toMatch(/tail was cut/);
  });

  it('cut the tail and rewrite the head to match (no key): the head does not verify', async ({ db }) => {
    await writeSix(db);
    const rows = await rowsOf(db);
    await db.interactive.deleteFrom('securitylog').where('SecurityLogNum', '>=', 5).execute();
    const head = JSON.parse(
      (await db.interactive.selectFrom('gw_setting').select('value').where('name', '=', SECURITY_LOG_HEAD).executeTakeFirstOrThrow()).value,
    );
    const value = JSON.stringify({ ...head, n: 4, hash: rows[3]!.LogHash });
    await db.interactive.updateTable('gw_setting').set({ value }).where('name', '=', SECURITY_LOG_HEAD).execute();
    expect(await testSecurityLog.verify(db)).toMatchObject({ ok: false, firstBad: { securityLogNum: 0, problem: 'head' } });
    // and the writers refuse to chain onto a head they cannot verify
    await expect(servicesFor(db).patients.createPatient({ firstName: 'After', lastName: 'Cut', clinicId: 1 })).rejects.toThrow(/head anchor is invalid/);
  });

  it('reset the head to the unsealed value: the rows are not covered, verify fails', async ({ db }) => {
    await writeSix(db);
    await db.interactive.updateTable('gw_setting').set({ value: 'lock' }).where('name', '=', SECURITY_LOG_HEAD).execute();
    expect(await testSecurityLog.verify(db)).toMatchObject({ ok: false, firstBad: { securityLogNum: 1, problem: 'head' } });
  });

  it('another key does not verify the log, and says so', async ({ db }) => {
    await writeSix(db);
    const other = createSecurityLog(Buffer.from('another-installations-key'.padEnd(40, '!'), 'utf8'));
    const verdict = await other.verify(db);
    expect(verdict).toMatchObject({ ok: false, firstBad: { problem: 'head' } });
    expect(verdict.firstBad?.detail).toMatch(/another key/);
  });

  it('an unkeyed log from before AUDIT_KEY is sealed by a checkpoint that makes later edits of it visible', async ({ db }) => {
    // three rows as the unkeyed appender wrote them, head still unsealed
    let prev = '';
    for (let n = 1; n <= 3; n++) {
      const row = {
        SecurityLogNum: n,
        PermType: 'PatientCreate',
        UserNum: 1,
        ProgramNum: 1,
        ApiKeyNum: 1,
        RequestId: `legacy-${n}`,
        LogDateTime: '2026-01-01 10:00:00',
        PatNum: n,
        FKey: n,
        LogSource: 'API',
        LogText: `Patient ${n} created`,
        Changes: '{}',
        PrevHash: prev,
      };
      prev = securityLogHash(row);
      await db.interactive
        .insertInto('securitylog')
        .values({ ...row, LogHash: prev })
        .execute();
    }
    expect(await testSecurityLog.verify(db)).toMatchObject({ ok: false, firstBad: { problem: 'head' } });
    await testSecurityLog.seal(db);
    const rows = await rowsOf(db);
    expect(rows.map((r) => r.PermType)).toEqual(['PatientCreate', 'PatientCreate', 'PatientCreate', 'SecurityLogSealed']);
    expect(await testSecurityLog.verify(db)).toMatchObject({ ok: true, checked: 4, head: { from: 4, n: 4 } });

    // the attacker edits an unkeyed row and rehashes the unkeyed part: the checkpoint's MAC still names the old tail
    await db.interactive.updateTable('securitylog').set({ LogText: 'Patient 2 never existed' }).where('SecurityLogNum', '=', 2).execute();
    await rechain(db, (await rowsOf(db)).slice(0, 3), 1, attackerHashes.unkeyed);
    expect(await testSecurityLog.verify(db)).toMatchObject({ ok: false, firstBad: { securityLogNum: 4, problem: 'chain' } });
  });
});
