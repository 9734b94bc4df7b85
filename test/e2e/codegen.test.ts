import { generate } from '@graphql-codegen/cli';
import { buildClientSchema, getIntrospectionQuery, isScalarType, type IntrospectionQuery } from 'graphql';
import { describe, expect } from 'vitest';
import { harness, matrix, startServer } from '../harness/harness.js';
import { adminService } from '../integration/auth/identityFixture.js';

/** The TypeScript type of each format chartgate's scalars name with @specifiedBy: all three are strings on the wire. */
const TYPE_OF_SPEC: Record<string, string> = {
  'https://www.w3.org/TR/xmlschema11-2/#decimal': 'string',
  'https://scalars.graphql.org/andimarek/local-date.html': 'string',
  'https://www.rfc-editor.org/rfc/rfc3339#section-5.6': 'string',
};

describe.each(matrix())('[%s] standard tools against a live chartgate', (_name, dialect) => {
  const it = harness(dialect);

  it('GraphQL Code Generator introspects the live server with an introspection-granted key at default limits and types every scalar', async ({ db }) => {
    const admin = adminService(db);
    const { key } = await admin.create({ name: 'codegen', kind: 'internal', scopes: ['patients:read', 'schedule:read'], allowIntrospection: true });
    const { key: plain } = await admin.create({ name: 'no-grant', kind: 'internal', scopes: ['patients:read'] });
    const server = await startServer(db);
    try {
      const headers = { authorization: `Bearer ${key.key}` };
      // the standard query, as graphql-js, GraphiQL and Code Generator send it, at the default limits
      const res = await server.post({ query: getIntrospectionQuery({ specifiedByUrl: true, descriptions: true, inputValueDeprecation: true }) }, headers);
      expect(res.status).toBe(200);
      const introspected = buildClientSchema(((await res.json()) as { data: IntrospectionQuery }).data);
      const allScalars = Object.values(introspected.getTypeMap()).filter(
        (t) => isScalarType(t) && !['String', 'Int', 'Float', 'Boolean', 'ID'].includes(t.name),
      );
      // Federation's own plumbing (_Any, link__Import, federation__FieldSet) is not chartgate's data
      const plumbing = allScalars.filter((t) => t.name.startsWith('_') || t.name.includes('__'));
      const custom = allScalars.filter((t) => !plumbing.includes(t));
      expect(custom.map((t) => t.name).sort()).toEqual(['Date', 'DateTime', 'Money']);
      // every custom scalar names its format, so a generator can be told its type
      const scalars = Object.fromEntries(custom.map((t) => [t.name, TYPE_OF_SPEC[(t as { specifiedByURL?: string }).specifiedByURL ?? ''] ?? 'unknown']));
      expect(scalars).toEqual({ Date: 'string', DateTime: 'string', Money: 'string' });

      const [out] = (await generate(
        {
          schema: { [server.url]: { headers } },
          // strictScalars: generation fails on any scalar without a type, instead of writing `any`
          generates: {
            'chartgate.ts': {
              plugins: ['typescript'],
              config: { strictScalars: true, scalars: { ...scalars, ...Object.fromEntries(plumbing.map((t) => [t.name, 'unknown'])) } },
            },
          },
          silent: true,
        },
        false,
      )) as Array<{ filename: string; content: string }>;
      const content = out!.content;
      for (const name of ['Date', 'DateTime', 'Money']) expect(content).toContain(`${name}: { input: string; output: string; }`);
      expect(content).toMatch(/birthdate\?: Maybe<Scalars\['Date'\]\['output'\]>/);
      expect(content).toMatch(/export type Patient = \{/);
      expect(content).not.toMatch(/(Date|DateTime|Money): \{ input: (any|unknown)/);

      // without the grant, the same request is refused
      const refused = await server.post({ query: getIntrospectionQuery() }, { authorization: `Bearer ${plain.key}` });
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as any).errors[0].extensions.code).toBe('FORBIDDEN');
    } finally {
      await server.close();
    }
  });
});
