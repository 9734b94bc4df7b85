import { describe, expect, it } from 'vitest';
import { buildSchema, Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { createScopeCollector } from '../../../src/auth/scopes/collectRequiredScopes.js';
import { checkScopes } from '../../../src/auth/scopes/checkScopes.js';
import { DomainError } from '../../../src/lib/DomainError.js';

const schema = buildSchema(`
  directive @requiresScopes(scopes: [String!]!) on FIELD_DEFINITION | OBJECT
  type Query {
    patient(id: ID!): Patient
    appointments: [Appointment!]!
    viewer: Viewer!
    search: [SearchResult!]!
  }
  type Viewer { name: String! }
  type Patient @requiresScopes(scopes: ["patients:read"]) {
    id: ID!
    name: String!
    balance: String! @requiresScopes(scopes: ["billing:read"])
    appointments: [Appointment!]!
  }
  type Appointment @requiresScopes(scopes: ["schedule:read"]) { id: ID! patient: Patient! }
  union SearchResult = Patient | Appointment
  type Mutation {
    bookAppointment: Appointment! @requiresScopes(scopes: ["schedule:write"])
    unannotated: Boolean!
  }
`);

const collect = createScopeCollector(schema);
const required = (source: string) => {
  const doc = parse(source);
  const op = doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  return collect(op, fragments);
};
const missing = (source: string, granted: string[]) => {
  try {
    checkScopes(required(source), new Set(granted));
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe('FORBIDDEN');
    return (e as DomainError).details?.missingScopes as string[];
  }
};

describe('scope check over the whole operation', () => {
  it('collects field, parent-type and return-type scopes', () => {
    expect([...required('{ patient(id: 1) { name appointments { id } } }').scopes].sort()).toEqual(['patients:read', 'schedule:read']);
    expect([...required('{ patient(id: 1) { balance } }').scopes].sort()).toEqual(['billing:read', 'patients:read']);
    expect([...required('{ viewer { name } }').scopes]).toEqual([]);
  });

  it('walks fragments (named and inline, on unions) once each', () => {
    const q = `query { search { ...P ... on Appointment { patient { ...P } } } }
      fragment P on Patient { id balance }`;
    expect([...required(q).scopes].sort()).toEqual(['billing:read', 'patients:read', 'schedule:read']);
  });

  it('rejects the whole operation naming every missing scope', () => {
    expect(missing('{ patient(id: 1) { balance appointments { id } } }', ['patients:read'])).toEqual(['billing:read', 'schedule:read']);
    expect(missing('{ patient(id: 1) { name } }', ['patients:read'])).toEqual([]);
  });

  it('a read-only client may not run a mutation; an unannotated mutation needs admin', () => {
    expect(missing('mutation { bookAppointment { id } }', ['schedule:read', 'patients:read'])).toEqual(['schedule:write']);
    expect(missing('mutation { bookAppointment { id } }', ['schedule:read', 'schedule:write'])).toEqual([]);
    expect(missing('mutation { unannotated }', ['schedule:write'])).toEqual(['admin']);
  });

  it('does not count introspection meta fields', () => {
    expect([...required('{ __typename __schema { types { name } } }').scopes]).toEqual([]);
  });
});
