import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chartgate } from '../../src/main.js';
import { loadTypeDefs } from '../../src/schema/loadTypeDefs.js';
import { dialects, type FreshDb } from '../harness/dialects.js';
import { seedDemo } from '../harness/harness.js';
import { adminService } from '../integration/auth/identityFixture.js';
import { identityServer } from './identityServer.js';
import { startApolloGateway } from './support/apolloGatewayForChartgate.js';
import { createHiveGateway } from './support/hiveGatewayForChartgate.js';
import { imagingTypeDefs, startImagingSubgraph } from './support/imagingSubgraph.js';

interface Answer {
  status: number;
  retryAfter: string | null;
  body: { data?: any; errors?: Array<{ message: string; extensions?: Record<string, any> }>; extensions?: Record<string, any> };
}

interface Gateway {
  post(query: string, key: string): Promise<Answer>;
  stop(): Promise<void>;
}

const answer = async (res: Response): Promise<Answer> => ({
  status: res.status,
  retryAfter: res.headers.get('retry-after'),
  body: (await res.json()) as Answer['body'],
});
const init = (query: string, key: string): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
  body: JSON.stringify({ query }),
});

/** Each gateway the e2e tier composes chartgate behind, configured as docs/gateways.md says. */
const gateways: Record<string, (supergraphSdl: string) => Promise<Gateway>> = {
  'Apollo Gateway': async (sdl) => {
    const gw = await startApolloGateway(sdl);
    return { post: async (q, k) => answer(await fetch(gw.url, init(q, k))), stop: gw.stop };
  },
  'Hive Gateway': async (sdl) => {
    const gw = createHiveGateway(sdl);
    return { post: async (q, k) => answer(await gw.fetch('http://gateway/graphql', init(q, k))), stop: async () => gw.dispose() };
  },
};

const codes = (r: Answer) => (r.body.errors ?? []).map((e) => e.extensions?.code);

describe.each(dialects.flatMap((d) => Object.keys(gateways).map((g) => [d.name, g, d] as const)))('[%s] chartgate behind %s', (_name, gatewayName, dialect) => {
  let fresh: FreshDb;
  let chartgate: Chartgate;
  let imaging: { stop(): Promise<void> };
  let gateway: Gateway;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    fresh = await dialect.freshDb();
    await seedDemo(fresh.db, 11);
    const admin = adminService(fresh.db);
    const make = async (name: string, extra: Record<string, unknown> = {}) => {
      keys[name] = (await admin.create({ name, kind: 'dashboard', scopes: ['patients:read', 'schedule:read'], ...extra })).key.key;
    };
    await make('reader');
    await make('scheduleOnly', { scopes: ['schedule:read'] });
    await make('tinyBudget', { limits: { budgetMaximum: 60, budgetRestorePerSecond: 1 } });
    chartgate = await identityServer(fresh.db);
    const chartgateUrl = `${await chartgate.listen()}/graphql`;
    const started = await startImagingSubgraph();
    imaging = started;
    const composed = composeServices([
      { name: 'chartgate', typeDefs: parse(loadTypeDefs().join('\n')), url: chartgateUrl },
      { name: 'imaging', typeDefs: imagingTypeDefs, url: started.url },
    ]);
    if (!composed.supergraphSdl) throw new Error(`composition failed: ${composed.errors?.map((e) => e.message).join('; ')}`);
    gateway = await gateways[gatewayName]!(composed.supergraphSdl);
  }, 120_000);

  afterAll(async () => {
    await gateway?.stop();
    await imaging?.stop();
    await chartgate?.close();
    await fresh?.release();
  });

  it("answers a nested query that crosses both subgraphs, with chartgate's extensions.cost", async () => {
    const r = await gateway.post(
      '{ patients(first: 2) { nodes { id lastName appointments(first: 2) { nodes { id status } } images { kind } } } }',
      keys.reader!,
    );
    expect(r.status).toBe(200);
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.patients.nodes).toHaveLength(2);
    expect(r.body.data.patients.nodes[0]).toMatchObject({
      lastName: expect.any(String),
      appointments: { nodes: expect.any(Array) },
      images: [{ kind: 'PANORAMIC' }],
    });
    // the gateway forwarded chartgate's figures: two fetches (the patients, then their entities for imaging) at most
    expect(r.body.extensions?.cost).toMatchObject({ requestedQueryCost: expect.any(Number), throttleStatus: { maximumAvailable: 10_000, restoreRate: 500 } });
    expect(r.body.extensions!.cost.requestedQueryCost).toBeGreaterThan(2);
    const up = await gateway.post('{ recentImages { id patient { id lastName } } }', keys.reader!);
    expect(up.body.errors).toBeUndefined();
    expect(up.body.data.recentImages.map((i: any) => i.patient.lastName)).toEqual([expect.any(String), expect.any(String), expect.any(String)]);
  });

  it("forwards the caller's credential: the client's scopes hold for queries and entity fetches", async () => {
    expect(codes(await gateway.post('{ patients(first: 1) { nodes { id } } }', keys.scheduleOnly!))).toContain('FORBIDDEN');
    expect(codes(await gateway.post('{ recentImages { id patient { lastName } } }', keys.scheduleOnly!))).toContain('FORBIDDEN');
  });

  it('QUERY_TOO_COMPLEX keeps its code and figures', async () => {
    const r = await gateway.post('{ patients(first: 500) { nodes { id appointments(first: 500) { nodes { id } } } } }', keys.reader!);
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost', maximum: 5000 });
    expect(JSON.stringify(r.body)).not.toContain('"http"');
  });

  it('THROTTLED keeps its code and its Retry-After header', async () => {
    const first = await gateway.post('{ patients(first: 40) { nodes { id } } }', keys.tinyBudget!);
    expect(first.body.errors).toBeUndefined();
    expect(first.retryAfter).toBeNull();
    const throttled = await gateway.post('{ patients(first: 50) { nodes { id } } }', keys.tinyBudget!);
    expect(codes(throttled)).toEqual(['THROTTLED']);
    expect(throttled.body.errors![0]!.extensions).toMatchObject({ retryAfterSeconds: expect.any(Number), throttleStatus: { maximumAvailable: 60 } });
    expect(Number(throttled.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(throttled.body.extensions?.cost).toMatchObject({ throttleStatus: { maximumAvailable: 60, restoreRate: 1 } });
  });

  it('a partial answer with a NOT_FOUND error stays HTTP 200 with its data', async () => {
    const r = await gateway.post('{ patient(id: "987654321") { id } clinics { id } }', keys.reader!);
    expect(r.status).toBe(200);
    expect(r.body.data.patient).toBeNull();
    expect(r.body.data.clinics.length).toBeGreaterThan(0);
    expect(r.body.errors?.[0]).toMatchObject({ path: ['patient'], extensions: { code: 'NOT_FOUND' } });
    expect(r.body.errors![0]!.extensions!.http).toBeUndefined();
  });
});
