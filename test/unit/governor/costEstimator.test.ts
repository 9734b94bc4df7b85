import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { costDirectiveDefinitions } from './costDirectiveDefinitions.js';
import { createOperationAnalyzer } from '../../../src/governor/createOperationAnalyzer.js';
import { defaultGovernorLimits, type GovernorLimits } from '../../../src/governor/GovernorLimits.js';
import { buildSchema as buildRealSchema } from '../../../src/schema/buildSchema.js';
import { dateRangeMonths } from '../../../src/governor/analysis/dateRangeMonths.js';

const directives = costDirectiveDefinitions;
const schema = buildSchema(`${directives}
  scalar Date
  scalar Money @cost(weight: 2)
  type Query {
    clinics: [Clinic!]! @listSize(assumedSize: 20)
    expensive(deep: Boolean @cost(weight: 7)): Clinic
    summary(from: Date!, to: Date!): [Row!]! @cost(weight: 10) @listSize(assumedSize: 5)
    stats(from: Date!, to: Date!): Stats! @cost(weight: 10)
    page(first: Int = 50): RowConnection! @listSize(slicingArguments: ["first"], sizedFields: ["nodes"])
  }
  type Mutation { rename(id: ID!): Clinic  priced(id: ID!): Clinic @cost(weight: 3) }
  type Clinic @cost(weight: 4) { id: ID! name: String! }
  type Row { key: String! amount: Money! }
  type Stats { total: Int! byStatus: [Row!]! }
  type RowConnection { nodes: [Row!]! }
`);
const analyze = createOperationAnalyzer(schema);
const cost = (query: string, variables: Record<string, unknown> = {}, limits: Partial<GovernorLimits> = {}) =>
  analyze({ document: parse(query), variables, limits: { ...defaultGovernorLimits, ...limits } }).cost;

describe('cost directives read from the schema', () => {
  it('a type @cost replaces the object default of 1, a scalar @cost the leaf default of 0', () => {
    expect(cost('{ clinics { id } }')).toBe(80); // 20 x Clinic 4
    expect(cost('{ summary(from: "2026-01-01", to: "2026-01-01") { amount } }')).toBe(10 + 5 * (1 + 2)); // 25
  });
  it('an argument @cost is paid only when the argument is supplied', () => {
    expect(cost('{ expensive { id } }')).toBe(4);
    expect(cost('{ expensive(deep: true) { id } }')).toBe(4 + 7);
  });
  it('mutation root fields weigh 10 unless @cost says otherwise (the weight replaces the type weight)', () => {
    expect(cost('mutation { rename(id: "1") { id } }')).toBe(10);
    expect(cost('mutation { rename(id: "1") { id } priced(id: "2") { name } }')).toBe(13);
  });
  it('a connection falls back to the argument default, and honours first from the variables', () => {
    expect(cost('{ page { nodes { key } } }')).toBe(1 + 50 * 1); // RowConnection 1 + 50 x nodes(1 x Row 1)
    expect(cost('query($n: Int) { page(first: $n) { nodes { key } } }', { n: 5 })).toBe(6);
  });
});

describe('aggregates priced by the span of their date range: weight x ceil(days / 30), days inclusive', () => {
  it.each([
    ['2026-01-01', '2026-01-01', 1],
    ['2026-01-01', '2026-01-30', 1], // 30 days
    ['2026-01-01', '2026-01-31', 2], // 31 days
    ['2026-01-01', '2026-12-31', 13], // 365 days
    ['2026-01-01T08:00:00Z', '2026-03-01T17:00:00Z', 2], // 59 whole days + 1 = 60
    ['2026-02-01', '2026-01-01', undefined], // backwards: the resolver's BAD_USER_INPUT
    ['nonsense', '2026-01-01', undefined],
  ] as const)('%s .. %s -> %s', (from, to, months) => expect(dateRangeMonths(from, to)).toBe(months));

  it('reads the range from the variables: one document, cheap for a month and dearer for a year', () => {
    const doc = 'query($from: Date!, $to: Date!) { stats(from: $from, to: $to) { total byStatus { key } } }';
    // stats 10 x months + Stats children: total 0 + byStatus 1 x (Row 1 + key 0)
    expect(cost(doc, { from: '2026-01-01', to: '2026-01-30' })).toBe(10 + 1);
    expect(cost(doc, { from: '2026-01-01', to: '2026-12-31' })).toBe(130 + 1);
    expect(cost(doc, { from: '2024-01-01', to: '2026-12-31' })).toBe(370 + 1); // 1096 days -> 37
  });
});

describe('the real schema', () => {
  const real = createOperationAnalyzer(buildRealSchema());
  const realCost = (query: string, variables: Record<string, unknown> = {}) => real({ document: parse(query), variables, limits: defaultGovernorLimits }).cost;

  it('a typical dashboard query costs a sane number', () => {
    const dashboard = `query Dashboard($from: Date!, $to: Date!, $dayStart: DateTime!, $dayEnd: DateTime!) {
      appointments(from: $dayStart, to: $dayEnd, first: 20) {
        nodes { id scheduledAt status patient { id firstName lastName } provider { id } operatory { id } }
        pageInfo { hasNextPage endCursor }
      }
      productionSummary(from: $from, to: $to, groupBy: PROVIDER) { key production provider { id } }
      appointmentStats(from: $from, to: $to) { total byStatus { status count } }
    }`;
    // appointments: AppointmentConnection 1 + 20 x nodes 1 x (Appointment 1 + patient 1 + provider 1 + operatory 1) + pageInfo 1 once = 82
    // productionSummary: 10 x ceil(31/30)=2 + 50 x (ProductionRow 1 + provider 1) = 120
    // appointmentStats: 10 x 2 + byStatus 1 x (1 + 0) = 21
    const vars = { from: '2026-01-01', to: '2026-01-31', dayStart: '2026-01-15T00:00:00Z', dayEnd: '2026-01-16T00:00:00Z' };
    expect(realCost(dashboard, vars)).toBe(82 + 120 + 21);
    // a full three-year report stays far below the default ceiling of 5000
    expect(realCost(dashboard, { ...vars, from: '2024-01-01', to: '2026-12-31' })).toBe(82 + (370 + 100) + (370 + 1));
  });

  it('a connection multiplies only its sized fields: pageInfo is priced once, whatever first is', () => {
    const q = (first: number) => `{ appointments(first: ${first}) { pageInfo { hasNextPage endCursor } } }`;
    expect(realCost(q(1))).toBe(1 + 1);
    expect(realCost(q(500))).toBe(1 + 1);
    expect(realCost('{ appointments(first: 500) { nodes { id } pageInfo { endCursor } } }')).toBe(1 + 500 + 1);
  });

  it('sized fields selected through a fragment on the connection are still multiplied', () => {
    const direct = realCost('{ appointments(first: 30) { nodes { id patient { id } } pageInfo { endCursor } } }');
    const viaFragment = realCost(
      '{ appointments(first: 30) { ...Page } } fragment Page on AppointmentConnection { nodes { id patient { id } } pageInfo { endCursor } }',
    );
    expect(viaFragment).toBe(direct);
    expect(direct).toBe(1 + 30 * 2 + 1);
  });

  it('prices _entities by the number of representations', () => {
    const q = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Patient { id lastName } } }';
    const reps = (n: number) => Array.from({ length: n }, (_, i) => ({ __typename: 'Patient', id: String(i + 1) }));
    expect(realCost(q, { r: reps(10) })).toBe(10); // 10 x (_Entity 1 + scalars 0)
    expect(realCost(q, { r: reps(100) })).toBe(100);
  });

  it('mutations carry their declared weight', () => {
    expect(realCost('mutation { confirmAppointment(input: { id: "1" }) { appointment { id } } }')).toBe(10 + 1); // @cost 10 + AppointmentPayload.appointment 1
  });
});
