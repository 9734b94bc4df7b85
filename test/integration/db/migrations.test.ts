import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrate } from '../../../src/db/runMigrate.js';
import type { Database } from '../../../src/db/tables.js';
import { dialects, type FreshDb } from '../../harness/dialects.js';

const PRACTICE_TABLES: (keyof Database)[] = [
  'clinic',
  'provider',
  'operatory',
  'userod',
  'patient',
  'appointment',
  'histappointment',
  'procedurecode',
  'fee',
  'procedurelog',
  'payment',
  'paysplit',
  'securitylog',
];

describe.each(dialects)('migrations [$name]', (dialect) => {
  let fresh: FreshDb;
  beforeAll(async () => {
    fresh = await dialect.freshDb();
  });
  afterAll(() => fresh?.release());

  it('creates every practice and gateway table', async () => {
    const tables = (await fresh.db.interactive.introspection.getTables()).map((t) => t.name);
    for (const t of PRACTICE_TABLES) expect(tables).toContain(t);
    for (const t of ['gw_client', 'gw_api_key', 'gw_request_log', 'gw_idempotency', 'gw_operation', 'gw_setting']) expect(tables).toContain(t);
  });

  it('gives written tables the stamp columns and money exact DECIMAL(12,2) columns', async () => {
    const tables = await fresh.db.interactive.introspection.getTables();
    const patient = tables.find((t) => t.name === 'patient')!;
    const names = patient.columns.map((c) => c.name);
    for (const c of ['SecUserNumEntry', 'SecProgramNumEntry', 'SecUserNumEdit', 'SecProgramNumEdit', 'SecDateTEntry', 'DateTStamp', 'RowVersion']) {
      expect(names).toContain(c);
    }
    const fee = tables.find((t) => t.name === 'procedurelog')!.columns.find((c) => c.name === 'ProcFee')!;
    expect(fee.dataType.toLowerCase()).toMatch(/decimal/);
  });

  it('a second run applies nothing', async () => {
    expect(await runMigrate(fresh.db)).toEqual({ applied: [] });
  });
});
