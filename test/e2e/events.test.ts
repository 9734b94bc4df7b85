import { describe, expect, vi } from 'vitest';
import type { Db } from '../../src/db/createDb.js';
import { createTestServer, harness, matrix } from '../harness/harness.js';
import { adminService } from '../integration/auth/identityFixture.js';
import { seedReadFixture } from '../integration/readApi/readFixture.js';
import { WRITE_SCOPES } from '../integration/writes/writesHarness.js';
import { createWebhookReceiver } from '../support/createWebhookReceiver.js';
import { codeOf, gql, identityServer } from './identityServer.js';

const CREATE_ENDPOINT = `mutation($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { secret endpoint { id clientId url eventTypes status fullPayload } } }`;
const CREATE_PATIENT = 'mutation($input: CreatePatientInput!) { createPatient(input: $input) { patient { id } } }';
const BOOK = 'mutation($input: BookAppointmentInput!) { bookAppointment(input: $input) { appointment { id } } }';
const FEED = `query($after: String, $types: [String!], $first: Int) {
  events(after: $after, types: $types, first: $first) {
    edges { cursor node { id type entityType entityId clinicId changedBy { userId clientId } occurredAt } }
    pageInfo { hasNextPage endCursor } } }`;

async function setup(db: Db) {
  const fx = await seedReadFixture(db, { patients: 12, appointments: 10 });
  const admin = adminService(db);
  const reads = ['patients:read', 'schedule:read', 'clinical:read', 'billing:read'];
  const operator = await admin.create({ name: 'Operator', kind: 'internal', scopes: ['admin'] });
  const writer = await admin.create({ name: 'Front Desk Sync', kind: 'dso', scopes: WRITE_SCOPES });
  const recall = await admin.create({ name: 'Recall Texter', kind: 'internal', scopes: ['schedule:read'] });
  const north = await admin.create({ name: 'North DSO', kind: 'dso', scopes: reads, clinicIds: [fx.clinics[0]!] });
  const nobody = await admin.create({ name: 'Reporter', kind: 'dashboard', scopes: ['reports:read'] });
  return { fx, operator: operator.key.key, writer: writer.key.key, recall, north, nobody: nobody.key.key };
}

describe.each(matrix())('[%s] events over HTTP', (_name, dialect) => {
  const it = harness(dialect);

  it('admins subscribe endpoints (secret shown once), bad input names its field, writes arrive signed, /metrics counts them', async ({ db }) => {
    const s = await setup(db);
    const server = await identityServer(db);
    const receiver = await createWebhookReceiver();
    try {
      const create = (input: Record<string, unknown>, key = s.operator) => gql(server.app, CREATE_ENDPOINT, { key, variables: { input } });
      const ok = await create({ clientId: String(s.north.client.id), url: receiver.url('north'), eventTypes: ['patient.created', 'appointment.booked'] });
      expect(ok.status).toBe(200);
      const { secret, endpoint } = ok.body.data.createWebhookEndpoint;
      expect(secret).toMatch(/^whsec_/);
      expect(endpoint).toMatchObject({ clientId: String(s.north.client.id), status: 'ACTIVE', fullPayload: false });
      receiver.trust('north', secret);
      const listed = await gql(server.app, '{ webhookEndpoints { id url eventTypes status } }', { key: s.operator });
      expect(JSON.stringify(listed.body)).not.toContain(secret);
      expect(listed.body.data.webhookEndpoints).toHaveLength(1);

      const refused = async (input: Record<string, unknown>, field: string) => {
        const r = await create({ clientId: String(s.recall.client.id), url: receiver.url('x'), eventTypes: ['appointment.booked'], ...input });
        expect(r.status).toBe(400);
        expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      };
      await refused({ url: 'not a url' }, 'input.url');
      await refused({ url: 'ftp://127.0.0.1/hook' }, 'input.url');
      await refused({ url: 'http://user:secret@127.0.0.1/hook' }, 'input.url');
      await refused({ eventTypes: ['appointment.booked', 'appointment.exploded'] }, 'input.eventTypes[1]');
      await refused({ eventTypes: ['patient.created'] }, 'input.eventTypes[0]');
      await refused({ eventTypes: [] }, 'input.eventTypes');
      expect(codeOf(await create({ clientId: '999999', url: receiver.url('x'), eventTypes: ['patient.created'] }))).toBe('NOT_FOUND');
      expect(codeOf(await create({ clientId: String(s.recall.client.id), url: receiver.url('x'), eventTypes: ['appointment.booked'] }, s.writer))).toBe(
        'FORBIDDEN',
      );

      // the dispatcher counts events written from its first look at the outbox on
      await server.webhooks.dispatcher!.runOnce();
      const north = s.fx.clinics[0]!;
      const south = s.fx.clinics[1]!;
      for (const clinicId of [north, south]) {
        const r = await gql(server.app, CREATE_PATIENT, {
          key: s.writer,
          variables: { input: { firstName: 'Web', lastName: 'Hook', clinicId: String(clinicId) } },
        });
        expect(r.status).toBe(200);
      }
      await server.webhooks.dispatcher!.runOnce();
      expect(receiver.delivered('north').map((r) => [r.body.type, r.body.data.clinicId])).toEqual([['patient.created', north]]);

      const page = await gql(
        server.app,
        `query($id: ID!) { webhookEndpoint(id: $id) { status deliveries { edges { node { status attempts lastStatus lastError event { type clinicId } } } } } }`,
        { key: s.operator, variables: { id: endpoint.id } },
      );
      expect(page.body.data.webhookEndpoint).toEqual({
        status: 'ACTIVE',
        deliveries: {
          edges: [{ node: { status: 'DELIVERED', attempts: 1, lastStatus: 200, lastError: null, event: { type: 'patient.created', clinicId: north } } }],
        },
      });
      const undelivered = await gql(server.app, '{ undeliveredWebhooks { edges { node { id } } } }', { key: s.operator });
      expect(undelivered.body.data.undeliveredWebhooks.edges).toEqual([]);
      const replay = await gql(server.app, 'mutation($input: ReplayWebhookEventsInput!) { replayWebhookEvents(input: $input) { queued } }', {
        key: s.operator,
        variables: { input: { endpointId: endpoint.id, since: '2000-01-01T00:00:00Z' } },
      });
      expect(replay.body.data.replayWebhookEvents).toEqual({ queued: 1 });
      await server.webhooks.dispatcher!.runOnce();
      expect(receiver.delivered('north')).toHaveLength(2);
      expect(new Set(receiver.delivered('north').map((r) => r.id)).size).toBe(1);

      // the metrics have a listener of their own (METRICS_PORT), opened with the public one
      await server.listen();
      const metrics = await (await fetch(server.metrics.url()!)).text();
      expect(metrics).toMatch(/chartgate_webhook_attempts_total\{outcome="delivered",endpoint="\d+"\} 2/);
      expect(metrics).toMatch(/chartgate_webhook_delivery_latency_seconds_count 2/);
      expect(metrics).toMatch(/chartgate_webhook_retry_backlog 0/);
      expect(metrics).toContain('chartgate_events_written_total{type="patient.created"} 2');
    } finally {
      await receiver.close();
      await server.close();
    }
  });

  it('the dispatcher runs inside the server by default and stops with it', async ({ db }) => {
    const s = await setup(db);
    const running = await createTestServer(db, { config: { webhooks: { dispatcherEnabled: true, pollMs: 20 } } });
    const receiver = await createWebhookReceiver();
    try {
      const ok = await gql(running.app, CREATE_ENDPOINT, {
        key: s.operator,
        variables: { input: { clientId: String(s.north.client.id), url: receiver.url('auto'), eventTypes: ['patient.created'] } },
      });
      receiver.trust('auto', ok.body.data.createWebhookEndpoint.secret);
      await gql(running.app, CREATE_PATIENT, {
        key: s.writer,
        variables: { input: { firstName: 'Timer', lastName: 'Driven', clinicId: String(s.fx.clinics[0]) } },
      });
      // no test trigger: the server's own timer delivers it
      await vi.waitFor(() => expect(receiver.delivered('auto')).toHaveLength(1), { timeout: 10_000, interval: 20 });
    } finally {
      await running.close();
      await receiver.close();
    }
    expect(running.webhooks.dispatcher!.inFlight).toBe(0);
  });

  it('the change feed: commit order, keyset cursors, and the same scope and clinic rules', async ({ db }) => {
    const s = await setup(db);
    const server = await identityServer(db);
    try {
      const [north, south] = s.fx.clinics as [number, number];
      const made: string[] = [];
      for (const clinicId of [north, south, north]) {
        const r = await gql(server.app, CREATE_PATIENT, {
          key: s.writer,
          variables: { input: { firstName: 'Feed', lastName: 'Me', clinicId: String(clinicId) } },
        });
        made.push(r.body.data.createPatient.patient.id);
      }
      const booked = await gql(server.app, BOOK, {
        key: s.writer,
        variables: {
          input: {
            patientId: made[1],
            operatoryId: String(s.fx.operatories[1]),
            providerId: String(s.fx.providers[1]),
            start: '2027-06-01T09:00:00Z',
            lengthMinutes: 30,
          },
        },
      });
      const aptId = booked.body.data.bookAppointment.appointment.id;
      const feed = (key: string, variables: Record<string, unknown> = {}) => gql(server.app, FEED, { key, variables });

      const all = await feed(s.writer);
      expect(all.body.data.events.edges.map((e: any) => [e.node.type, e.node.entityId])).toEqual([
        ['patient.created', made[0]],
        ['patient.created', made[1]],
        ['patient.created', made[2]],
        ['appointment.booked', aptId],
      ]);
      const ids = all.body.data.events.edges.map((e: any) => Number(e.node.id));
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(all.body.data.events.edges[0].node).toMatchObject({ entityType: 'Patient', clinicId: north, changedBy: { clientId: expect.any(Number) } });

      // one at a time, by cursor: the same events, then an empty page
      const walked: string[] = [];
      let after: string | null = null;
      for (let i = 0; i < 10; i++) {
        const r: any = await feed(s.writer, { first: 1, after });
        const page = r.body.data.events;
        walked.push(...page.edges.map((e: any) => e.node.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(walked.map(Number)).toEqual(ids);
      const tail = await feed(s.writer, { after: all.body.data.events.pageInfo.endCursor });
      expect(tail.body.data.events).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });

      const northSees = await feed(s.north.key.key);
      expect(northSees.body.data.events.edges.map((e: any) => e.node.entityId)).toEqual([made[0], made[2]]);
      const recallSees = await feed(s.recall.key.key);
      expect(recallSees.body.data.events.edges.map((e: any) => e.node.type)).toEqual(['appointment.booked']);
      const onlyBooked = await feed(s.writer, { types: ['appointment.booked'] });
      expect(onlyBooked.body.data.events.edges).toHaveLength(1);

      const bad = async (key: string, variables: Record<string, unknown>, code: string, field?: string) => {
        const r = await feed(key, variables);
        expect(r.body.errors?.[0]?.extensions).toMatchObject({ code, ...(field ? { field } : {}) });
      };
      await bad(s.recall.key.key, { types: ['appointment.booked', 'patient.created'] }, 'BAD_USER_INPUT', 'types[1]');
      await bad(s.writer, { types: ['patient.teleported'] }, 'BAD_USER_INPUT', 'types[0]');
      await bad(s.writer, { after: 'garbage' }, 'BAD_USER_INPUT', 'after');
      await bad(s.writer, { first: 501 }, 'BAD_USER_INPUT', 'first');
      await bad(s.nobody, {}, 'FORBIDDEN');
      const priced = await feed(s.writer, { first: 100 });
      expect(priced.body).toMatchObject({ extensions: { cost: { requestedQueryCost: expect.any(Number) } } });
      expect((priced.body as any).extensions.cost.requestedQueryCost).toBeGreaterThanOrEqual(100);
    } finally {
      await server.close();
    }
  });
});
