import { getIntrospectionQuery, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/loadConfig.js';
import { createOperationAnalyzer } from '../../../src/governor/createOperationAnalyzer.js';
import { defaultGovernorLimits } from '../../../src/governor/GovernorLimits.js';
import { buildSchema } from '../../../src/schema/buildSchema.js';

const schema = buildSchema();
const { maxIntrospectionDepth } = parseConfig({}).governor;
const analyze = createOperationAnalyzer(schema, { maxIntrospectionDepth });
const run = (query: string) => analyze({ document: parse(query), limits: { ...defaultGovernorLimits } });
const limitOf = (query: string) => {
  try {
    run(query);
  } catch (e) {
    return (e as { details: { limit: string; value: number; maximum: number } }).details;
  }
  return undefined;
};
const chain = (n: number) => `${'ofType { '.repeat(n)}name${' }'.repeat(n)}`;

describe('introspection at the default limits', () => {
  it('answers the standard introspection query (graphql-js, GraphiQL, GraphQL Code Generator) in every variant', () => {
    for (const options of [
      {},
      { descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true },
    ]) {
      // 9 nested ofType, depth 15: over GOVERNOR_MAX_DEPTH 12 and GOVERNOR_MAX_RECURSION 3 were it not exempt
      expect(() => run(getIntrospectionQuery(options))).not.toThrow();
    }
    expect(maxIntrospectionDepth).toBe(10);
  });

  it('bounds an introspection selection by its ofType chain instead', () => {
    expect(limitOf(`{ __type(name: "Patient") { fields { type { ${chain(10)} } } } }`)).toBeUndefined();
    expect(limitOf(`{ __type(name: "Patient") { fields { type { ${chain(11)} } } } }`)).toEqual({ limit: 'introspectionDepth', value: 11, maximum: 10 });
    expect(limitOf(`{ __schema { types { fields { type { ${chain(12)} } } } } }`)).toMatchObject({ limit: 'introspectionDepth', value: 12 });
  });

  it('exempts only the introspection subtree: depth, recursion and aliases still count around and inside it', () => {
    const deep = `{ patients(first: 1) { nodes { ${'guarantor { '.repeat(4)} id ${'} '.repeat(4)} } } __schema { queryType { name } } }`;
    expect(limitOf(deep)).toMatchObject({ limit: 'recursion' });
    const aliases = Array.from({ length: 31 }, (_, i) => `t${i}: types { name }`).join(' ');
    expect(limitOf(`{ __schema { ${aliases} } }`)).toMatchObject({ limit: 'aliases', value: 31 });
  });
});
