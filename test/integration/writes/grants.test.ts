import { randomBytes } from 'node:crypto';
import { createPool, type Pool } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../../src/db/createDb.js';
import { grantStatements } from '../../../src/db/grantStatements.js';
import { migrateToLatest } from '../../../src/db/migrateToLatest.js';
import { dialects, mysqlBaseUrl } from '../../harness/dialects.js';
import { testSecurityLog } from '../../harness/harness.js';
import { seedReadFixture, type ReadFixture } from '../readApi/readFixture.js';
import { servicesFor } from './writesHarness.js';

const hasMysql = dialects.some((d) => d.name === 'mysql');

/** `chartgate db grants` applied to real accounts: the read path cannot write, the services cannot rewrite the log. */
describe.skipIf(!hasMysql)('[mysql] least-privilege accounts from db grants', () => {
  const tag = randomBytes(4).toString('hex');
  const database = `cg_writes_grants_${tag}`;
  const readUser = `cg_wr_${tag}`;
  const writeUser = `cg_ws_${tag}`;
  const password = `pw_${tag}`;
  let root: Pool;
  let db: Db;
  let fx: ReadFixture;

  const urlFor = (user: string) => {
    const u = new URL(mysqlBaseUrl!);
    u.username = user;
    u.password = password;
    u.pathname = `/${database}`;
    return u.toString();
  };

  beforeAll(async () => {
    root = createPool({ uri: mysqlBaseUrl!, connectionLimit: 1, multipleStatements: false });
    await root.query(`create database \`${database}\``);
    const owner = new URL(mysqlBaseUrl!);
    owner.pathname = `/${database}`;
    const ownerDb = await createDb({ url: owner.toString() });
    await migrateToLatest(ownerDb.interactive, 'mysql');
    fx = await seedReadFixture(ownerDb, { patients: 6, appointments: 4 });
    await ownerDb.destroy();
    for (const u of [readUser, writeUser]) await root.query(`create user '${u}'@'%' identified by '${password}'`);
    for (const line of grantStatements({ database, readUser, writeUser })) {
      if (!line.startsWith('--')) await root.query(line);
    }
    db = await createDb({ url: urlFor(writeUser), readUrl: urlFor(readUser) });
  });
  afterAll(async () => {
    await db?.destroy();
    for (const u of [readUser, writeUser]) await root.query(`drop user if exists '${u}'@'%'`).catch(() => {});
    await root.query(`drop database if exists \`${database}\``);
    await root.end();
  });

  it('reads go through the SELECT-only account, and a write through it fails', async () => {
    const [who] = await db.reporting.selectNoFrom((eb) => eb.fn<string>('current_user', []).as('u')).execute();
    expect(String(who?.u)).toContain(readUser);
    expect((await db.reporting.selectFrom('patient').select('PatNum').execute()).length).toBe(6);
    await expect(db.reporting.updateTable('patient').set({ LName: 'x' }).execute()).rejects.toThrow(/denied/i);
    await expect(
      db.reporting
        .insertInto('securitylog')
        .values({
          PermType: 'x',
          UserNum: 0,
          ProgramNum: 0,
          ApiKeyNum: 0,
          RequestId: '',
          LogDateTime: '2026-01-01 00:00:00',
          PatNum: 0,
          FKey: 0,
          LogSource: '',
          LogText: '',
          Changes: '{}',
          PrevHash: '',
          LogHash: '',
        })
        .execute(),
    ).rejects.toThrow(/denied/i);
  });

  it('the service account writes, stamps and logs, but cannot edit or delete the security log', async () => {
    const s = servicesFor(db);
    const p = await s.patients.createPatient({ firstName: 'Least', lastName: 'Privilege', clinicId: fx.clinics[0]! });
    await s.schedule.bookAppointment({
      patientId: p.id,
      operatoryId: fx.operatories[0]!,
      providerId: fx.providers[0]!,
      start: '2027-09-01T09:00:00Z',
      lengthMinutes: 30,
    });
    expect(await testSecurityLog.verify(db)).toMatchObject({ ok: true, checked: 2 });
    // each write appended its event with it
    expect((await db.interactive.selectFrom('gw_outbox').select('type').orderBy('id').execute()).map((r) => r.type)).toEqual([
      'patient.created',
      'appointment.booked',
    ]);
    await expect(db.interactive.updateTable('securitylog').set({ LogText: 'x' }).execute()).rejects.toThrow(/denied/i);
    await expect(db.interactive.deleteFrom('securitylog').execute()).rejects.toThrow(/denied/i);
    await expect(db.interactive.deleteFrom('appointment').execute()).rejects.toThrow(/denied/i);
  });
});
