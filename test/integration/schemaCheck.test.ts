import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { ExitCode } from '../../src/cli/exitCodes.js';
import type { Db } from '../../src/db/createDb.js';
import { createGateway } from '../../src/gateway/createGateway.js';
import { packageRoot } from '../../src/lib/packageRoot.js';
import { harness, matrix } from '../harness/harness.js';
import { runChartgate } from '../support/runChartgate.js';
import { adminService } from './auth/identityFixture.js';

/** A copy of schema/ with `edit` applied to one file: the next release's SDL. */
function nextSchema(file: string, edit: (sdl: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cg-next-schema-'));
  cpSync(join(packageRoot(), 'schema'), dir, { recursive: true });
  const path = join(dir, file);
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error(`the edit changed nothing in ${file}`);
  writeFileSync(path, after);
  return dir;
}

const opsFile = (text: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'cg-ops-')), 'ops.graphql');
  writeFileSync(file, text);
  return file;
};

describe.each(matrix())('[%s] chartgate schema check / usage', (_name, dialect) => {
  const it = harness(dialect);
  const chartgate = (db: Db, ...args: string[]) => runChartgate(db, args);

  it('names the client and the operation a removed field breaks, says why, and exits 5', async ({ db }) => {
    const admin = adminService(db);
    const { client: portal } = await admin.create({ name: 'Portal', kind: 'dso', scopes: ['patients:read', 'schedule:read'] });
    const { client: board } = await admin.create({ name: 'Board', kind: 'dashboard', scopes: ['schedule:read'] });
    const { client: beta } = await admin.create({ name: 'Beta', kind: 'dashboard', scopes: ['patients:read'], rollout: 'log' });
    const portalOps = opsFile(`
      query Roster($first: Int!) { patients(first: $first) { nodes { id lastName middleInitial } } }
      query Chairs { operatories { id name } }
    `);
    expect((await chartgate(db, 'operations', 'register', String(portal.id), portalOps)).code).toBe(ExitCode.OK);
    expect(
      (await chartgate(db, 'operations', 'register', String(board.id), opsFile('query Day { appointments(first: 20) { nodes { id scheduledAt } } }'))).code,
    ).toBe(ExitCode.OK);
    // what a log-mode client sent: checked too, but a seen operation alone does not fail the release
    await createGateway(db).operations.recordSeen(beta.id, {
      hash: 'b'.repeat(64),
      name: 'Initials',
      document: 'query Initials {\n  patients(first: 5) {\n    nodes {\n      middleInitial\n    }\n  }\n}',
    });

    const unchanged = await chartgate(db, 'schema', 'check', '--schema', join(packageRoot(), 'schema'), '--json');
    expect(unchanged.code, unchanged.err).toBe(ExitCode.OK);
    expect(unchanged.json()).toMatchObject({ checked: 4, clients: [], certifiedBreak: false });

    const dir = nextSchema('patient.graphql', (sdl) => sdl.replace(/\n\s*middleInitial: String!/, ''));
    const r = await chartgate(db, 'schema', 'check', '--schema', dir, '--json');
    expect(r.code).toBe(ExitCode.VERIFICATION_FAILED);
    const report = r.json();
    expect(report.certifiedBreak).toBe(true);
    expect(report.clients.map((c: any) => c.clientName)).toEqual(['Portal', 'Beta']);
    expect(report.clients[0]).toMatchObject({
      clientId: portal.id,
      checked: 2,
      broken: [
        {
          name: 'Roster',
          source: 'certified',
          breaks: [{ kind: 'field removed', coordinate: 'Patient.middleInitial', message: 'Patient.middleInitial was removed' }],
        },
      ],
    });
    expect(report.clients[1].broken).toEqual([expect.objectContaining({ name: 'Initials', source: 'seen' })]);

    const text = await chartgate(db, 'schema', 'check', '--schema', dir);
    expect(text.out).toMatch(
      /client \d+ "Portal": 1 of 2 operation\(s\) break\n {2}Roster \(certified, sha256 [0-9a-f]{12}\)\n {4}field removed: Patient.middleInitial was removed/,
    );

    // only log-mode operations break: reported, but the release may go
    expect((await chartgate(db, 'operations', 'unregister', String(portal.id), 'Roster')).code).toBe(ExitCode.OK);
    const seenOnly = await chartgate(db, 'schema', 'check', '--schema', dir, '--json');
    expect(seenOnly.code).toBe(ExitCode.OK);
    expect(seenOnly.json().clients.map((c: any) => c.clientName)).toEqual(['Beta']);

    expect((await chartgate(db, 'schema', 'check', '--schema', join(dir, 'nope'))).code).toBe(ExitCode.USAGE);
    // a pipeline running the next release's chartgate names the schema the operations were certified against
    const fromNext = await chartgate(db, 'schema', 'check', '--schema', dir, '--current', join(packageRoot(), 'schema'), '--json');
    expect(fromNext.json().clients[0].broken[0].breaks[0].kind).toBe('field removed');
  });

  it('names an argument that became required and a type that changed', async ({ db }) => {
    const { client } = await adminService(db).create({ name: 'Sync', kind: 'dso', scopes: ['patients:read', 'schedule:read'] });
    const ops = opsFile(`
      query Changed($since: DateTime) { patients(changedSince: $since, first: 10) { nodes { id birthdate } } }
      query Stable { clinics { id name } }
    `);
    expect((await chartgate(db, 'operations', 'register', String(client.id), ops)).code).toBe(ExitCode.OK);
    const dir = nextSchema('patient.graphql', (sdl) =>
      sdl.replace('patients(clinicId: ID, search: String,', 'patients(clinicId: ID!, search: String,').replace('birthdate: Date\n', 'birthdate: String\n'),
    );
    const r = await chartgate(db, 'schema', 'check', '--schema', dir, '--json');
    expect(r.code).toBe(ExitCode.VERIFICATION_FAILED);
    const [only] = r.json().clients;
    expect(only.broken).toHaveLength(1);
    expect(only.broken[0].name).toBe('Changed');
    expect(only.broken[0].breaks.map((b: any) => [b.kind, b.coordinate])).toEqual([
      ['argument now required', 'Query.patients(clinicId:)'],
      ['type changed', 'Patient.birthdate'],
    ]);
  });

  it('schema usage lists the clients of each field', async ({ db }) => {
    const admin = adminService(db);
    const { client: a } = await admin.create({ name: 'A', kind: 'dso', scopes: ['patients:read'] });
    const { client: b } = await admin.create({ name: 'B', kind: 'dso', scopes: ['patients:read'] });
    await chartgate(db, 'operations', 'register', String(a.id), opsFile('query Emails { patients(first: 5) { nodes { id email } } }'));
    await chartgate(db, 'operations', 'register', String(b.id), opsFile('query Names { patients(first: 5) { nodes { id lastName } } }'));
    const usage = (await chartgate(db, 'schema', 'usage', '--json')).json();
    const by = Object.fromEntries(usage.map((u: any) => [u.coordinate, u.clients.map((c: any) => `${c.clientName}:${c.operations.join(',')}`)]));
    expect(by['Patient.email']).toEqual(['A:Emails']);
    expect(by['Patient.lastName']).toEqual(['B:Names']);
    expect(by['Query.patients']).toEqual(['A:Emails', 'B:Names']);
    expect((await chartgate(db, 'schema', 'usage', '--field', 'Patient.email')).out).toMatch(/Patient\.email\s+\d+ "A" \(Emails\)/);
    expect((await chartgate(db, 'schema', 'usage', '--field', 'Patient.zip')).out).toContain('no client uses Patient.zip');
  });
});
