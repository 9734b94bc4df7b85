import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChartgateServer } from '../../src/http/createServer.js';
import { createOperationAnalyzer } from '../../src/governor/createOperationAnalyzer.js';
import { defaultGovernorLimits } from '../../src/governor/GovernorLimits.js';
import { buildSchema } from '../../src/schema/buildSchema.js';
import { loadTypeDefs } from '../../src/schema/loadTypeDefs.js';
import { seedDemo } from '../harness/harness.js';
import { dialects, type FreshDb } from '../harness/dialects.js';
import { adminService } from '../integration/auth/identityFixture.js';
import { gql, identityServer } from './identityServer.js';
import { imagingTypeDefs } from './support/imagingSubgraph.js';

/** The field definition's line in an SDL text. */
const fieldLine = (sdl: string, field: string) => sdl.split('\n').find((l) => l.trimStart().startsWith(`${field}(`)) ?? '';

describe("composition: the supergraph keeps chartgate's demand-control directives (Federation 2.9 @cost and @listSize)", () => {
  it("a gateway's demand control sees the same weights and list sizes chartgate prices with", () => {
    const composed = composeServices([
      { name: 'chartgate', typeDefs: parse(loadTypeDefs().join('\n')), url: 'http://chartgate:4000/graphql' },
      { name: 'imaging', typeDefs: imagingTypeDefs, url: 'http://imaging:4001/graphql' },
    ]);
    expect(composed.errors).toBeUndefined();
    const sdl = composed.supergraphSdl!;
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/cost/v0.1"');
    expect(fieldLine(sdl, 'productionSummary')).toMatch(/@cost\(weight: 10\).*@listSize\(assumedSize: 50\)/);
    expect(fieldLine(sdl, 'patients')).toContain('@listSize(slicingArguments: ["first"], sizedFields: ["edges", "nodes"])');
    expect(fieldLine(sdl, 'bookAppointment')).toContain('@cost(weight: 10)');

    // chartgate's own estimator reads the same directives from its subgraph schema
    const analyze = createOperationAnalyzer(buildSchema());
    const cost = (query: string) => analyze({ document: parse(query), limits: { ...defaultGovernorLimits } }).cost;
    // 10 x one 30-day block + 50 rows x 1
    expect(cost('{ productionSummary(from: "2026-01-01", to: "2026-01-30", groupBy: DAY) { key } }')).toBe(10 + 50);
    // the connection 1 + first x its selection (nodes, priced as one patient)
    expect(cost('{ patients(first: 7) { nodes { id } } }')).toBe(1 + 7 * 1);
  });
});

describe.each(dialects)('federation: the subgraph itself [$name]', (dialect) => {
  let fresh: FreshDb;
  let chartgate: ChartgateServer;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    fresh = await dialect.freshDb();
    await seedDemo(fresh.db, 11);
    const admin = adminService(fresh.db);
    keys.reader = (await admin.create({ name: 'reader', kind: 'dashboard', scopes: ['patients:read', 'schedule:read'] })).key.key;
    keys.gatewayIntrospection = (await admin.create({ name: 'gw', kind: 'internal', scopes: ['patients:read'], allowIntrospection: true })).key.key;
    chartgate = await identityServer(fresh.db);
  }, 120_000);

  afterAll(async () => {
    await chartgate?.close();
    await fresh?.release();
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
    expect(sdl.body.data._service.sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.9"');
  });
});
