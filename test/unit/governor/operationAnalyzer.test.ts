import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { costDirectiveDefinitions } from './costDirectiveDefinitions.js';
import { createOperationAnalyzer } from '../../../src/governor/createOperationAnalyzer.js';
import { defaultGovernorLimits, type GovernorLimits } from '../../../src/governor/GovernorLimits.js';
import { ErrorCode } from '../../../src/lib/ErrorCode.js';

// Federation 2.9's directive definitions, as the server's schema imports them
const directives = costDirectiveDefinitions;
const schema = buildSchema(`${directives}
  type Query {
    patients(first: Int = 50, from: String, to: String): PatientConnection! @listSize(slicingArguments: ["first"], sizedFields: ["nodes"])
    clinics: [Clinic!]! @listSize(assumedSize: 20)
    report(from: String!, to: String!): [Row!]! @cost(weight: 10) @listSize(assumedSize: 5)
    statuses(in: [String!]): Int
  }
  type Mutation { book(id: ID!): Clinic }
  type PatientConnection { nodes: [Patient!]! }
  type Patient { id: ID! name: String! guarantor: Patient clinic: Clinic visits(first: Int = 10): VisitConnection! @listSize(slicingArguments: ["first"], sizedFields: ["nodes"]) }
  type VisitConnection { nodes: [Visit!]! }
  type Visit { id: ID! }
  type Clinic { id: ID! name: String! }
  type Row { key: String! }
`);
const analyze = createOperationAnalyzer(schema);
const limits: GovernorLimits = { ...defaultGovernorLimits };
const run = (query: string, variables: Record<string, unknown> = {}, l: Partial<GovernorLimits> = {}) =>
  analyze({ document: parse(query), variables, limits: { ...limits, ...l } });
const rejection = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e as { code: string; details: { limit: string; value: number; maximum: number } };
  }
  throw new Error('expected a rejection');
};

describe('static cost (IBM cost directive spec)', () => {
  it('scalars cost 0, objects 1, a list of objects its assumed size', () => {
    expect(run('{ clinics { id name } }').cost).toBe(20); // 20 x (1 + 0)
  });
  it('a connection multiplies its children by first', () => {
    // patients 1 + 10 x nodes(1 x (1 + clinic 1)) = 21
    expect(run('{ patients(first: 10) { nodes { id clinic { name } } } }').cost).toBe(21);
  });
  it('nested connections multiply', () => {
    // patients 1 + 10 x nodes(1 + visits(1 + 5 x nodes(1))) = 1 + 10 x 7 = 71
    expect(run('{ patients(first: 10) { nodes { visits(first: 5) { nodes { id } } } } }').cost).toBe(71);
  });
  it('uses the argument default when first is absent', () => {
    expect(run('{ patients { nodes { id } } }').cost).toBe(51);
  });
  it('reads first from the variables: the same document cheap or refused', () => {
    const doc = 'query($n: Int!) { patients(first: $n) { nodes { visits(first: $n) { nodes { id } } } } }';
    expect(run(doc, { n: 2 }).cost).toBe(1 + 2 * (1 + 1 + 2));
    const e = rejection(() => run(doc, { n: 500 }));
    expect(e.code).toBe(ErrorCode.QUERY_TOO_COMPLEX);
    expect(e.details).toMatchObject({ limit: 'cost', maximum: 5000 });
    expect(e.details.value).toBeGreaterThan(5000);
  });
  it('one parsed document, kept per value of the variables its price reads: other variables change nothing, cost variables are never conflated', () => {
    const document = parse(
      'query($id: ID, $n: Int = 3, $wide: Boolean!, $ids: [String!]) { patients(first: $n) { nodes { id visits @include(if: $wide) { nodes { id } } } } statuses(in: $ids) }',
    );
    const cost = (variables: Record<string, unknown>) => analyze({ document, variables, limits }).cost;
    expect(cost({ id: '1', n: 2, wide: false })).toBe(1 + 2);
    expect(cost({ id: '2', n: 2, wide: false })).toBe(1 + 2); // the id is not part of the price
    expect(cost({ id: '1', n: 2, wide: true })).toBe(1 + 2 * (1 + 1 + 10)); // a condition is
    expect(cost({ n: 4, wide: false })).toBe(1 + 4);
    expect(cost({ wide: false })).toBe(1 + 3); // absent: the declared default
    expect(cost({ n: null, wide: false })).toBe(1 + 50); // explicit null: the argument's default, not the variable's
    for (let i = 0; i < 200; i++) expect(cost({ id: String(i), n: 1 + (i % 70), wide: false })).toBe(2 + (i % 70));
  });
  it('mutations cost 10 plus their selection', () => {
    expect(run('mutation { book(id: "1") { id } }').cost).toBe(10);
  });
  it('aggregates are priced by the span of their date range', () => {
    // weight 10 x ceil(days / 30) for the scan + 5 assumed rows x (Row 1 + key 0)
    const month = run('{ report(from: "2026-01-01", to: "2026-01-30") { key } }').cost; // 10 x 1 + 5
    const year = run('{ report(from: "2026-01-01", to: "2026-12-31") { key } }').cost; // 10 x ceil(365/30)=13 + 5
    expect(month).toBe(15);
    expect(year).toBe(135);
  });
});

describe('structural limits', () => {
  it.each([
    ['depth', '{ patients { nodes { guarantor { guarantor { id } } } } }', { maxDepth: 3 }],
    ['aliases', '{ clinics { a: id b: id c: name } }', { maxAliases: 2 }],
    ['rootFields', '{ a: clinics { id } b: clinics { id } c: clinics { id } }', { maxRootFields: 2 }],
    ['directives', '{ clinics { id @include(if: true) name @skip(if: false) } }', { maxDirectives: 1 }],
    ['recursion', '{ patients { nodes { guarantor { guarantor { guarantor { guarantor { id } } } } } } }', {}],
    ['inputList', '{ statuses(in: ["a", "b", "c"]) }', { maxInputList: 2 }],
  ] as const)('%s is refused with QUERY_TOO_COMPLEX naming it', (limit, query, l) => {
    const e = rejection(() => run(query, {}, l));
    expect(e.code).toBe(ErrorCode.QUERY_TOO_COMPLEX);
    expect(e.details.limit).toBe(limit);
    expect(e.details.value).toBeGreaterThan(e.details.maximum);
  });
  it('a long list hidden in the variables is refused', () => {
    const e = rejection(() => run('query($s: [String!]) { statuses(in: $s) }', { s: Array.from({ length: 101 }, () => 'x') }));
    expect(e.details).toMatchObject({ limit: 'inputList', value: 101, maximum: 100 });
  });
  // 2^40 selections if expanded: an expanding walk would never finish, so finishing at all is the proof
  it('a doubling fragment fan-out is measured without expanding it and refused before any walk', () => {
    let doc = 'fragment F0 on Patient { id name }\n';
    for (let i = 1; i <= 40; i++) doc += `fragment F${i} on Patient { ...F${i - 1} guarantor { ...F${i - 1} } }\n`;
    const e = rejection(() => run(`{ patients(first: 1) { nodes { ...F40 } } }\n${doc}`));
    expect(e.details.limit).toBe('expandedSelections');
    expect(e.details.value).toBeGreaterThan(2 ** 40);
  });
  it('a fragment cycle is refused, not followed', () => {
    const e = rejection(() => run('{ patients { nodes { ...A } } } fragment A on Patient { guarantor { ...B } } fragment B on Patient { guarantor { ...A } }'));
    expect(e.details.limit).toBe('fragmentCycle');
  });
});

describe('pages with a date range', () => {
  it('are priced by first, not by the span of their range', () => {
    const page = run('{ patients(first: 10, from: "2020-01-01", to: "2026-12-31") { nodes { id } } }').cost;
    expect(page).toBe(11);
  });
});
