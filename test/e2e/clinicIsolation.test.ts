import { getNamedType, isUnionType, type GraphQLObjectType } from 'graphql';
import { describe, expect } from 'vitest';
import { resolvers } from '../../resolvers/index.js';
import { buildSchema } from '../../src/schema/buildSchema.js';
import type { Db } from '../../src/db/createDb.js';
import { KNOWN_SCOPES } from '../../src/gateway/clients/types.js';
import { createTestServer, harness, matrix } from '../harness/harness.js';
import { adminService } from '../integration/auth/identityFixture.js';
import { codeOf, gql } from './identityServer.js';
import { objectsIn, selectEverything } from './support/selectEverything.js';
import {
  OTHER_CLINIC_WORDS,
  otherClinicRows,
  SHARED_SLOT,
  seedTwoClinicPractice,
  type OtherClinicRows,
  type TwoClinicPractice,
} from './support/twoClinicPractice.js';

// every scope there is, so a scope added later is walked too
const ALL_SCOPES = [...KNOWN_SCOPES];

type Args = Record<string, unknown>;
type Recipe = (p: TwoClinicPractice, ids: { limitedClient: number; openClient: number }) => Args[];
const id = (n: number) => String(n);
const YEAR = { from: '2026-01-01', to: '2026-12-31' };
const SINCE = { changedSince: '2000-01-01T00:00:00Z' };

/**
 * One argument recipe per root field: the calls a client limited to clinic A makes, aimed at
 * clinic B's rows wherever an argument can name one. A root field without a recipe fails the
 * test, so a field added later cannot skip the walk.
 */
const QUERY_RECIPES: Record<string, Recipe> = {
  viewer: () => [{}],
  clients: () => [{}],
  client: (_p, c) => [{ id: id(c.limitedClient) }, { id: id(c.openClient) }],
  integrationLog: () => [{}],
  apiStatus: () => [{}],
  clinics: () => [{}, { includeHidden: true }],
  providers: (p) => [{}, { includeHidden: true }, { clinicId: id(p.clinicA) }, { clinicId: id(p.clinicB) }],
  operatories: (p) => [{}, { includeHidden: true }, { clinicId: id(p.clinicA) }, { clinicId: id(p.clinicB) }],
  procedureCodes: () => [{}],
  patient: (p) => [p.a.patient, p.b.patient, 9302, 9303].map((n) => ({ id: id(n) })),
  patients: (p) => [{}, { clinicId: id(p.clinicB) }, { search: 'Zzleak' }, SINCE],
  appointment: (p) => [p.a.appointment, p.b.appointment, p.b.patientOfA].map((n) => ({ id: id(n) })),
  appointments: (p) => [
    {},
    { patientId: id(p.a.patient) },
    { patientId: id(p.b.patient) },
    { providerId: id(p.sharedProvider) },
    { providerId: id(p.b.provider) },
    { operatoryId: id(p.b.operatory) },
    { clinicId: id(p.clinicB) },
    { from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' },
    SINCE,
  ],
  procedures: (p) => [{}, { patientId: id(p.a.patient) }, { patientId: id(p.b.patient) }, { providerId: id(p.b.provider) }, { clinicId: id(p.clinicB) }, SINCE],
  payment: (p) => [p.a.payment, p.b.payment, 9602].map((n) => ({ id: id(n) })),
  payments: (p) => [{}, { patientId: id(p.a.patient) }, { patientId: id(p.b.patient) }, { clinicId: id(p.clinicB) }, SINCE],
  productionSummary: (p) => [
    ...['PROVIDER', 'CLINIC', 'DAY'].map((groupBy) => ({ ...YEAR, groupBy })),
    { ...YEAR, groupBy: 'CLINIC', clinicId: id(p.clinicB) },
  ],
  appointmentStats: (p) => [YEAR, { ...YEAR, clinicId: id(p.clinicB) }],
  auditLog: (p) => [{ first: 500 }, { patientId: id(p.a.patient) }, { patientId: id(p.b.patient) }],
  events: () => [{ first: 100 }],
  webhookEndpoints: () => [{}],
  webhookEndpoint: () => [{ id: '999999' }],
  undeliveredWebhooks: () => [{ first: 10 }],
  _entities: () => [], // built per entity type below (ENTITY_ROWS)
  _service: () => [{}],
  consoleSession: () => [{}],
  adminUsers: () => [{}],
  loadSeries: () => [{}, { minutes: 5 }],
  identityStatus: () => [{}],
  verifySecurityLog: () => [{}],
};

const MUTATION_RECIPES: Record<string, Recipe> = {
  createPatient: (p) => [
    { input: { firstName: 'New', lastName: 'Person', clinicId: id(p.clinicB) } },
    { input: { firstName: 'New', lastName: 'Person', clinicId: id(p.clinicA), primaryProviderId: id(p.b.provider) } },
  ],
  updatePatient: (p) => [
    { input: { id: id(p.b.patient), expectedVersion: 2, city: 'Elsewhere' } },
    { input: { id: id(p.a.patient), expectedVersion: 2, primaryProviderId: id(p.b.provider) } },
  ],
  bookAppointment: (p) => [
    // the shared provider is busy in clinic B: CONFLICT, without naming B's appointment
    { input: { patientId: id(p.a.patient), operatoryId: id(p.a.operatory), providerId: id(p.sharedProvider), start: SHARED_SLOT.start, lengthMinutes: 20 } },
    { input: { patientId: id(p.b.patient), operatoryId: id(p.a.operatory), providerId: id(p.a.provider), start: '2026-07-01T09:00:00Z', lengthMinutes: 20 } },
    { input: { patientId: id(p.a.patient), operatoryId: id(p.b.operatory), providerId: id(p.a.provider), start: '2026-07-01T09:00:00Z', lengthMinutes: 20 } },
  ],
  rescheduleAppointment: (p) => [
    { input: { id: id(p.a.appointment), expectedVersion: 2, start: SHARED_SLOT.start, providerId: id(p.sharedProvider) } },
    { input: { id: id(p.b.appointment), expectedVersion: 1, start: '2026-07-02T09:00:00Z' } },
  ],
  cancelAppointment: (p) => [{ input: { id: id(p.b.appointment) } }, { input: { id: id(p.b.patientOfA) } }],
  confirmAppointment: (p) => [{ input: { id: id(p.b.appointment) } }],
  addProcedure: (p) => [
    { input: { patientId: id(p.b.patient), codeId: id(p.a.code), providerId: id(p.a.provider) } },
    { input: { patientId: id(p.a.patient), codeId: id(p.a.code), providerId: id(p.b.provider) } },
    { input: { patientId: id(p.a.patient), codeId: id(p.a.code), providerId: id(p.a.provider), appointmentId: id(p.b.patientOfA) } },
  ],
  completeProcedure: (p) => [{ input: { id: id(p.b.procedure) } }, { input: { id: '9502' } }],
  recordPayment: (p) => [
    { input: { patientId: id(p.b.patient), amount: '1.00', type: 'Cash', splits: [{ amount: '1.00', providerId: id(p.a.provider) }] } },
    { input: { patientId: id(p.a.patient), amount: '1.00', type: 'Cash', splits: [{ amount: '1.00', procedureId: '9502' }] } },
    { input: { patientId: id(p.a.patient), amount: '1.00', type: 'Cash', splits: [{ amount: '1.00', providerId: id(p.b.provider) }] } },
  ],
  createClient: (p) => [{ input: { name: 'isolation probe', kind: 'DASHBOARD', scopes: ['patients:read'], clinicIds: [p.clinicA] } }],
  suspendClient: () => [{ input: { clientId: '999999', reason: 'probe' } }],
  resumeClient: () => [{ input: { clientId: '999999' } }],
  updateClient: (p) => [{ input: { clientId: '999999', clinicIds: [p.clinicA] } }],
  deleteClient: () => [{ input: { clientId: '999999' } }],
  createWebhookEndpoint: () => [{ input: { clientId: '999999', url: 'https://example.com/hook', eventTypes: ['patient.created'] } }],
  updateWebhookEndpoint: () => [{ input: { id: '999999', enabled: false } }],
  deleteWebhookEndpoint: () => [{ input: { id: '999999' } }],
  rotateWebhookSecret: () => [{ input: { id: '999999' } }],
  replayWebhookEvents: () => [{ input: { endpointId: '999999', eventId: '1' } }],
  rotateKey: () => [{ input: { clientId: '999999' } }],
  revokeKey: () => [{ input: { keyId: '999999' } }],
  setApiEnabled: () => [{ input: { enabled: true } }],
  issueKey: () => [{ input: { clientId: '999999' } }],
  createAdminUser: () => [{ input: { userName: 'isolation-probe', role: 'AUDITOR', password: 'a long enough password' } }],
  disableAdminUser: () => [{ input: { adminUserId: '999999' } }],
  enableAdminUser: () => [{ input: { adminUserId: '999999' } }],
  resetAdminTotp: () => [{ input: { adminUserId: '999999' } }],
  changeMyPassword: () => [{ input: { currentPassword: 'not it', newPassword: 'a long enough password' } }],
  beginTotpEnrollment: () => [{}],
  confirmTotpEnrollment: () => [{ input: { code: '000000' } }],
};

/** Every entity type's rows in both clinics: `_entities` is asked for all of them. A new entity type without a row here fails. */
const ENTITY_ROWS: Record<string, (p: TwoClinicPractice) => number[]> = {
  Patient: (p) => [p.a.patient, p.b.patient, 9302],
  Appointment: (p) => [p.a.appointment, p.b.appointment, p.b.patientOfA],
  Procedure: (p) => [p.a.procedure, p.b.procedure, 9502],
  Payment: (p) => [p.a.payment, p.b.payment, 9602],
  Provider: (p) => [p.a.provider, p.sharedProvider, p.b.provider],
  Clinic: (p) => [p.clinicA, p.clinicB],
};

const schema = buildSchema(resolvers);

interface Call {
  label: string;
  query: string;
  variables: Args;
}

function callsOf(kind: 'query' | 'mutation', root: GraphQLObjectType, recipes: Record<string, Recipe>, p: TwoClinicPractice, c: Parameters<Recipe>[1]): Call[] {
  return Object.values(root.getFields()).flatMap((field) =>
    (recipes[field.name]?.(p, c) ?? []).map((args, i) => {
      const names = Object.keys(args);
      const defs = names.map((n) => `$${n}: ${String(field.args.find((a) => a.name === n)!.type)}`);
      const call = names.length > 0 ? `(${names.map((n) => `${n}: $${n}`).join(', ')})` : '';
      return {
        label: `${field.name} #${i}`,
        query: `${kind} Walk${defs.length > 0 ? `(${defs.join(', ')})` : ''} { ${field.name}${call} ${selectEverything(schema, getNamedType(field.type))} }`,
        variables: args,
      };
    }),
  );
}

function entityCalls(p: TwoClinicPractice): Call[] {
  const selection = selectEverything(schema, schema.getType('_Entity')!);
  return Object.entries(ENTITY_ROWS).map(([typename, rows]) => ({
    label: `_entities ${typename}`,
    query: `query Walk($representations: [_Any!]!) { _entities(representations: $representations) ${selection} }`,
    variables: { representations: rows(p).map((n) => ({ __typename: typename, id: String(n) })) },
  }));
}

/** Everything in one response that belongs to clinic B: rows by type and id, clinic ids, and B's telltale words and ids in any text the request did not contain. */
function leaksIn(body: unknown, call: Call, other: OtherClinicRows, clinicB: number): string[] {
  const found: string[] = [];
  const data = (body as { data?: unknown }).data;
  for (const { at, object } of objectsIn(data)) {
    const typename = object.__typename;
    if (typeof typename === 'string' && typename in other.ids && other.ids[typename as keyof OtherClinicRows['ids']].has(String(object.id))) {
      found.push(`${at}: ${typename} ${String(object.id)}`);
    }
    if (object.clinicId !== undefined && String(object.clinicId) === String(clinicB)) found.push(`${at}.clinicId`);
  }
  const sent = `${call.query} ${JSON.stringify(call.variables)}`;
  const text = JSON.stringify(body);
  for (const word of OTHER_CLINIC_WORDS) if (!sent.includes(word) && text.includes(word)) found.push(`text: ${word}`);
  for (const [type, ids] of Object.entries(other.ids)) {
    if (type === 'AuditLogEntry') continue; // log numbers are small; checked by type above
    for (const n of ids) if (!sent.includes(n) && new RegExp(`\\b${n}\\b`).test(text)) found.push(`text: ${type} id ${n}`);
  }
  return found;
}

async function countAppointments(db: Db, clinic: number) {
  const r = await db.interactive
    .selectFrom('appointment')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ClinicNum', '=', clinic)
    .where('AptDateTime', '>=', '2026-01-01 00:00:00')
    .where('AptDateTime', '<', '2027-01-01 00:00:00')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe.each(matrix())('[%s] a clinic-limited client sees no other clinic anywhere', (_name, dialect) => {
  const it = harness(dialect);

  it('every root field has an argument recipe and every entity type its rows', () => {
    expect(Object.keys(schema.getQueryType()!.getFields()).sort()).toEqual(Object.keys(QUERY_RECIPES).sort());
    expect(Object.keys(schema.getMutationType()!.getFields()).sort()).toEqual(Object.keys(MUTATION_RECIPES).sort());
    const union = schema.getType('_Entity');
    expect(
      isUnionType(union)
        ? union
            .getTypes()
            .map((t) => t.name)
            .sort()
        : [],
    ).toEqual(Object.keys(ENTITY_ROWS).sort());
  });

  it('walks every root field, mutation and entity type over rows in two clinics', { timeout: 120_000 }, async ({ db }) => {
    const p = await seedTwoClinicPractice(db);
    const other = await otherClinicRows(db, p.clinicB);
    // every id of the other clinic's rows is distinctive text (the log's own numbers are checked by type)
    for (const [type, ids] of Object.entries(other.ids)) if (type !== 'AuditLogEntry') for (const n of ids) expect(Number(n), type).toBeGreaterThan(9000);
    const admin = adminService(db);
    const limited = await admin.create({ name: 'clinic A only', kind: 'internal', scopes: ALL_SCOPES, clinicIds: [p.clinicA] });
    const open = await admin.create({ name: 'every clinic', kind: 'internal', scopes: ALL_SCOPES });
    const server = await createTestServer(db, {
      config: { http: { bodyLimitBytes: 8 * 1024 * 1024 }, governor: { enabled: false, maxTokens: 1_000_000, maxExpandedSelections: 10_000_000 } },
    });
    try {
      const clients = { limitedClient: limited.client.id, openClient: open.client.id };
      const queries = [...callsOf('query', schema.getQueryType()!, QUERY_RECIPES, p, clients), ...entityCalls(p)];
      const run = async (key: string, call: Call) => {
        const r = await gql(server.app, call.query, { key, variables: call.variables });
        expect(r.status, `${call.label}: ${JSON.stringify(r.body.errors)}`).toBeLessThan(500);
        // the walk's own documents are valid: a refusal must come from the rules, never from the test
        const codes = (r.body.errors ?? []).map((e) => e.extensions?.code);
        expect(
          codes.filter((c) => c === 'GRAPHQL_VALIDATION_FAILED' || c === 'GRAPHQL_PARSE_FAILED' || c === 'BAD_USER_INPUT'),
          call.label,
        ).toEqual([]);
        return r;
      };

      // the detector works: the unrestricted client meets clinic B's rows of every kind on the same walk
      const seenOpen = new Set<string>();
      for (const call of queries) {
        const r = await run(open.key.key, call);
        for (const leak of leaksIn(r.body, call, other, p.clinicB)) seenOpen.add(leak.split(': ')[1]?.split(' ')[0] ?? 'clinicId');
      }
      expect([...seenOpen].sort()).toEqual(
        expect.arrayContaining(['AuditLogEntry', 'Appointment', 'Clinic', 'Patient', 'PaySplit', 'Payment', 'Procedure', 'Provider']),
      );

      const leaks: string[] = [];
      const seenA = new Set<string>();
      for (const call of [...queries, ...callsOf('mutation', schema.getMutationType()!, MUTATION_RECIPES, p, clients)]) {
        const r = await run(limited.key.key, call);
        leaks.push(...leaksIn(r.body, call, other, p.clinicB).map((l) => `${call.label} ${l}`));
        for (const { object } of objectsIn(r.body.data)) if (typeof object.__typename === 'string') seenA.add(object.__typename);
      }
      expect(leaks).toEqual([]);
      // and it did see its own clinic's rows of every kind, the log included
      expect([...seenA]).toEqual(expect.arrayContaining(['Patient', 'Appointment', 'Procedure', 'Payment', 'PaySplit', 'Provider', 'Clinic', 'AuditLogEntry']));

      // aggregates count only clinic A's rows
      const stats = await gql(server.app, 'query($from: Date!, $to: Date!) { appointmentStats(from: $from, to: $to) { total } }', {
        key: limited.key.key,
        variables: YEAR,
      });
      expect(stats.body.data.appointmentStats.total).toBe(await countAppointments(db, p.clinicA));

      // the shared provider's slot is still refused, without naming clinic B's appointment
      const book = await gql(server.app, 'mutation($input: BookAppointmentInput!) { bookAppointment(input: $input) { appointment { id } } }', {
        key: limited.key.key,
        variables: MUTATION_RECIPES.bookAppointment!(p, clients)[0],
      });
      expect([codeOf(book), book.body.errors?.[0]?.extensions?.resource]).toEqual(['CONFLICT', 'provider']);
      expect(book.body.errors?.[0]?.extensions?.conflictingAppointmentId).toBeUndefined();
    } finally {
      await server.close();
    }
  });
});
