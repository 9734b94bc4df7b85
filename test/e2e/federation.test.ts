import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../harness/harness.js';
import type { ChartgateServer } from '../../src/http/createServer.js';
import { loadTypeDefs } from '../../src/schema/loadTypeDefs.js';
import { dialects, type FreshDb } from '../harness/dialects.js';
import { adminService } from '../integration/auth/identityFixture.js';
import { gql, identityServer } from './identityServer.js';

/** A small second subgraph: an imaging service that extends Patient and points back at it. */
const imagingTypeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { recentImages: [Image!]! }
  type Image { id: ID! kind: String! patient: Patient! }
  type Patient @key(fields: "id") { id: ID! images: [Image!]! }
`);
const imagingResolvers = {
  Query: { recentImages: () => [1, 2, 3].map((id) => ({ id: `img-${id}`, kind: 'BITEWING', patient: { id: String(id) } })) },
  Patient: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    images: (p: { id: string }) => [{ id: `img-${p.id}`, kind: 'PANORAMIC', patient: { id: p.id } }],
  },
};

/**
 * The data source the README recommends: forward the caller's credential, and keep chartgate's
 * error code when it answers a refusal with a 4xx status (the gateway would otherwise report a
 * bare "400: Bad Request" with INTERNAL_SERVER_ERROR).
 */
class ChartgateDataSource extends RemoteGraphQLDataSource<{ authorization?: string }> {
  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<{ authorization?: string }>['willSendRequest']>>[0]) {
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
  }
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]) {
    const body = (await response
      .clone()
      .json()
      .catch(() => null)) as { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } | null;
    const first = body?.errors?.[0];
    return first ? new GraphQLError(first.message, { extensions: first.extensions }) : super.errorFromResponse(response);
  }
}

describe.each(dialects)('federation: chartgate behind a gateway [$name]', (dialect) => {
  let fresh: FreshDb;
  let chartgate: ChartgateServer;
  let imaging: ApolloServer;
  let gateway: ApolloServer<{ authorization?: string }>;
  let gatewayUrl = '';
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    fresh = await dialect.freshDb();
    await seedDemo(fresh.db, 11);
    const admin = adminService(fresh.db);
    keys.reader = (await admin.create({ name: 'reader', kind: 'dashboard', scopes: ['patients:read', 'schedule:read'] })).key.key;
    keys.scheduleOnly = (await admin.create({ name: 'schedule-only', kind: 'dashboard', scopes: ['schedule:read'] })).key.key;
    keys.gatewayIntrospection = (await admin.create({ name: 'gw', kind: 'internal', scopes: ['patients:read'], allowIntrospection: true })).key.key;
    chartgate = await identityServer(fresh.db);
    const chartgateUrl = `${await chartgate.listen()}/graphql`;

    imaging = new ApolloServer({
      schema: buildSubgraphSchema([{ typeDefs: imagingTypeDefs, resolvers: imagingResolvers as never }]),
      plugins: [ApolloServerPluginInlineTraceDisabled()],
    });
    const { url: imagingUrl } = await startStandaloneServer(imaging, { listen: { port: 0, host: '127.0.0.1' } });

    const composed = composeServices([
      { name: 'chartgate', typeDefs: parse(loadTypeDefs().join('\n')), url: chartgateUrl },
      { name: 'imaging', typeDefs: imagingTypeDefs, url: imagingUrl },
    ]);
    if (!composed.supergraphSdl) throw new Error(`composition failed: ${composed.errors?.map((e) => e.message).join('; ')}`);
    gateway = new ApolloServer<{ authorization?: string }>({
      gateway: new ApolloGateway({
        supergraphSdl: composed.supergraphSdl,
        // the gateway forwards the caller's credential: chartgate governs each client, not the gateway
        buildService: ({ url }) => new ChartgateDataSource({ url }),
      }),
    });
    ({ url: gatewayUrl } = await startStandaloneServer(gateway, {
      listen: { port: 0, host: '127.0.0.1' },
      context: async ({ req }) => ({ authorization: req.headers.authorization }),
    }));
  }, 120_000);

  afterAll(async () => {
    await gateway?.stop();
    await imaging?.stop();
    await chartgate?.close();
    await fresh?.release();
  });

  const viaGateway = async (query: string, key: string) => {
    const res = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query }),
    });
    return (await res.json()) as { data?: any; errors?: Array<{ message: string; extensions?: Record<string, any> }> };
  };
  const codes = (r: { errors?: Array<{ extensions?: Record<string, any> }> }) => (r.errors ?? []).map((e) => e.extensions?.code);

  it('answers a query that crosses both subgraphs, both ways', async () => {
    const down = await viaGateway('{ patients(first: 2) { nodes { id lastName images { kind } } } }', keys.reader!);
    expect(down.errors).toBeUndefined();
    expect(down.data.patients.nodes).toHaveLength(2);
    expect(down.data.patients.nodes[0].images[0].kind).toBe('PANORAMIC');
    // imaging -> chartgate: the gateway fetches Patient entities through chartgate's _entities
    const up = await viaGateway('{ recentImages { id patient { id lastName } } }', keys.reader!);
    expect(up.errors).toBeUndefined();
    expect(up.data.recentImages.map((i: any) => i.patient.lastName)).toEqual([expect.any(String), expect.any(String), expect.any(String)]);
  });

  it("applies the client's scopes to queries and to entity fetches through the gateway", async () => {
    const direct = await viaGateway('{ patients(first: 1) { nodes { id } } }', keys.scheduleOnly!);
    expect(codes(direct)).toContain('FORBIDDEN');
    const entities = await viaGateway('{ recentImages { id patient { lastName } } }', keys.scheduleOnly!);
    expect(codes(entities)).toContain('FORBIDDEN');
    expect(entities.data?.recentImages?.[0]?.patient ?? null).toBeNull();
  });

  it('applies the cost limit through the gateway', async () => {
    const r = await viaGateway('{ patients(first: 500) { nodes { id appointments(first: 500) { nodes { id } } } } }', keys.reader!);
    expect(codes(r)).toContain('QUERY_TOO_COMPLEX');
  });

  it('prices _entities by the number of representations and serves _service only with the grant', async () => {
    const reps = (n: number) => Array.from({ length: n }, (_, i) => ({ __typename: 'Patient', id: String(i + 1) }));
    const q = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Patient { id lastName } } }';
    const ten = await gql(chartgate.app, q, { key: keys.reader, variables: { r: reps(10) } });
    const hundred = await gql(chartgate.app, q, { key: keys.reader, variables: { r: reps(100) } });
    expect(hundred.status).toBe(200);
    expect(hundred.body.data._entities.filter(Boolean)).toHaveLength(100);
    const cost = (r: typeof ten) => (r.body as any).extensions.cost.requestedQueryCost;
    expect(cost(hundred)).toBe(10 * cost(ten));
    expect((await gql(chartgate.app, '{ _service { sdl } }', { key: keys.reader })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const sdl = await gql(chartgate.app, '{ _service { sdl } }', { key: keys.gatewayIntrospection });
    expect(sdl.body.data._service.sdl).toMatch(/type Patient[^{]*@key\(fields: "id"\)/);
  });
});
