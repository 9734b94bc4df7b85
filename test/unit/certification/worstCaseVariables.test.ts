import { parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { worstCaseVariables } from '../../../src/governor/certification/worstCaseVariables.js';
import { buildSchema } from '../../../src/schema/buildSchema.js';

const schema = buildSchema();
const bounds = { maxFirst: 500, maxSpanDays: 1096, maxInputList: 100 };
const worst = (source: string) => {
  const document = parse(source);
  return worstCaseVariables(schema, document, document.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode, bounds);
};

describe('the variables an operation is certified at: its worst within what the API accepts', () => {
  it('a slicing argument at the largest first, wherever it is used', () => {
    expect(worst('query($n: Int!, $m: Int) { patients(first: $n) { nodes { appointments(first: $m) { nodes { id } } } } }')).toEqual({ n: 500, m: 500 });
  });

  it("an aggregate's range at the widest span, from a literal end when there is one", () => {
    expect(worst('query($a: Date!, $b: Date!) { appointmentStats(from: $a, to: $b) { total } }')).toEqual({ a: '2000-01-01', b: '2002-12-31' });
    expect(worst('query($b: Date!) { appointmentStats(from: "2026-01-01", to: $b) { total } }')).toEqual({ b: '2028-12-31' });
    expect(worst('query($a: Date!) { appointmentStats(from: $a, to: "2026-12-31") { total } }')).toEqual({ a: '2024-01-01' });
  });

  it('_entities at the longest list, defaults left to the server, everything else a small valid value', () => {
    const v = worst('query($r: [_Any!]!) { _entities(representations: $r) { ... on Patient { id } } }');
    expect(v.r).toHaveLength(100);
    expect(
      worst(
        'query($n: Int = 5, $s: [PatientStatus!], $since: DateTime, $id: ID!) { patients(first: $n, status: $s, changedSince: $since) { nodes { id } } patient(id: $id) { id } }',
      ),
    ).toEqual({
      n: 500,
      s: ['PATIENT'],
      since: '2000-01-01T00:00:00Z',
      id: '1',
    });
    expect(worst('query($q: String = "smith") { patients(search: $q) { nodes { id } } }')).toEqual({});
  });

  it('an input object gets its required fields', () => {
    expect(worst('mutation($i: CancelAppointmentInput!) { cancelAppointment(input: $i) { appointment { id } } }')).toEqual({ i: { id: '1' } });
  });
});
