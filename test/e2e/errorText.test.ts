import { getNamedType, isEnumType, isInputObjectType, isInputType, isNonNullType, type GraphQLObjectType } from 'graphql';
import { describe, expect } from 'vitest';
import { resolvers } from '../../resolvers/index.js';
import { buildSchema } from '../../src/schema/buildSchema.js';
import { harness, matrix, seedDemo } from '../harness/harness.js';
import { adminService } from '../integration/auth/identityFixture.js';
import { gql, identityServer } from './identityServer.js';
import { baselinesOf, positionsOf, requiredFieldsOf, type Baseline } from './support/inputBaselines.js';

const schema = buildSchema(resolvers);

/** Every name a client could learn from the schema: fields, arguments, input fields and enum values (type names are what errors say is expected). */
const MEMBER_NAMES = new Set<string>();
for (const type of Object.values(schema.getTypeMap())) {
  if (type.name.startsWith('__')) continue;
  if (isEnumType(type)) type.getValues().forEach((v) => MEMBER_NAMES.add(v.name));
  else if ('getFields' in type) {
    for (const f of Object.values(type.getFields())) {
      MEMBER_NAMES.add(f.name);
      if ('args' in f) f.args.forEach((a: { name: string }) => MEMBER_NAMES.add(a.name));
    }
  }
}

/** A GraphQL literal of a JSON value (enum positions get bare names). */
function literal(value: unknown, enumPath = false): string {
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, enumPath)).join(', ')}]`;
  if (value !== null && typeof value === 'object')
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${literal(v)}`)
      .join(', ')} }`;
  if (typeof value === 'string' && enumPath) return value;
  return JSON.stringify(value);
}

interface Probe {
  label: string;
  query: string;
  variables?: Record<string, unknown>;
}

/**
 * Near misses of what the schema holds, for every root field: a misspelled enum value anywhere in
 * an argument, an input object with a misspelled extra field, one with a required field left out,
 * and a required argument left out; each through a variable and as a literal.
 */
function probesOf(kind: 'query' | 'mutation', root: GraphQLObjectType, baseline: Baseline): Probe[] {
  const probes: Probe[] = [];
  for (const field of Object.values(root.getFields())) {
    const selection = getNamedType(field.type).name in { String: 1, Boolean: 1 } ? '' : '{ __typename }';
    const base = requiredFieldsOf(root.name, field.args, baseline);
    const defs = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
    const withVars = (vars: Record<string, unknown>, label: string) =>
      probes.push({
        label: `${field.name} ${label} (variables)`,
        query: `${kind}${defs ? `(${defs})` : ''} { ${field.name}${field.args.length ? `(${field.args.map((a) => `${a.name}: $${a.name}`).join(', ')})` : ''} ${selection} }`,
        variables: vars,
      });
    const withLiterals = (args: Record<string, unknown>, label: string, enums: readonly string[] = []) => {
      const list = Object.entries(args).filter(([, v]) => v !== undefined);
      const call = list.length ? `(${list.map(([k, v]) => `${k}: ${literal(v, enums.includes(k))}`).join(', ')})` : '';
      probes.push({ label: `${field.name} ${label} (literal)`, query: `${kind} { ${field.name}${call} ${selection} }` });
    };
    for (const arg of field.args) {
      if (isNonNullType(arg.type) && arg.defaultValue === undefined) {
        const { [arg.name]: _drop, ...without } = base;
        withLiterals(without, `without ${arg.name}`);
      }
      for (const position of positionsOf(root.name, arg, [arg.name])) {
        const named = getNamedType(position.type);
        if (!isInputType(named)) continue;
        const set = (value: unknown) => {
          const copy = structuredClone({ ...base, [arg.name]: base[arg.name] ?? baseline(root.name, arg) }) as Record<string | number, unknown>;
          let node = copy;
          position.path.forEach((key, i) => {
            if (i === position.path.length - 1) node[key] = value;
            else node = (node[key] ??= typeof position.path[i + 1] === 'number' ? [] : {}) as Record<string | number, unknown>;
          });
          return copy;
        };
        if (isEnumType(named)) {
          const near = `${named.getValues()[0]!.name}E`;
          withVars(set(near), `${position.path.join('.')} = ${near}`);
          if (position.path.length === 1) withLiterals(set(near), `${position.path.join('.')} = ${near}`, [arg.name]);
        } else if (isInputObjectType(named)) {
          const fields = Object.values(named.getFields());
          const current = requiredFieldsOf(named.name, fields, baseline);
          const first = fields[0]!.name;
          const misspelled = { ...current, [`${first.slice(0, -1)}`]: 'x' };
          delete (misspelled as Record<string, unknown>)[first];
          withVars(set(misspelled), `${position.path.join('.')} with ${first.slice(0, -1)}`);
          if (position.path.length === 1) withLiterals(set(misspelled), `${position.path.join('.')} with ${first.slice(0, -1)}`);
          for (const required of fields.filter((f) => isNonNullType(f.type) && f.defaultValue === undefined)) {
            const { [required.name]: _gone, ...rest } = current;
            withVars(set(rest), `${position.path.join('.')} without ${required.name}`);
            if (position.path.length === 1) withLiterals(set(rest), `${position.path.join('.')} without ${required.name}`);
          }
        }
      }
    }
  }
  return probes;
}

/** Schema member names quoted in an error message that the request never mentioned. */
function unsentNames(message: string, sent: ReadonlySet<string>): string[] {
  const quoted = [...message.matchAll(/"([^"]*)"/g)].flatMap((m) => m[1]!.split(/[^_A-Za-z0-9]+/));
  return quoted.filter((name) => MEMBER_NAMES.has(name) && !sent.has(name));
}

describe.each(matrix())('[%s] error text names only what the client sent', (_name, dialect) => {
  const it = harness(dialect);

  it('no suggestion and no unsent field, argument or enum value in any error, with introspection off', { timeout: 120_000 }, async ({ db }) => {
    await seedDemo(db);
    const admin = adminService(db);
    const victim = await admin.create({ name: 'victim', kind: 'dashboard', scopes: ['patients:read'] });
    const scopes = ['patients', 'schedule', 'clinical', 'billing'].flatMap((d) => [`${d}:read`, `${d}:write`]).concat(['reports:read', 'audit:read', 'admin']);
    const client = await admin.create({ name: 'prober', kind: 'internal', scopes, allowIntrospection: false });
    const baseline = await baselinesOf(db, { clientId: victim.client.id, keyId: victim.key.id });
    const server = await identityServer(db);
    try {
      // introspection really is off for this client
      expect((await gql(server.app, '{ __schema { types { name } } }', { key: client.key.key })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const probes = [...probesOf('query', schema.getQueryType()!, baseline), ...probesOf('mutation', schema.getMutationType()!, baseline)];
      const leaks: string[] = [];
      let errors = 0;
      for (const p of probes) {
        const r = await gql(server.app, p.query, { key: client.key.key, variables: p.variables });
        const sent = new Set(`${p.query} ${JSON.stringify(p.variables ?? {})}`.match(/[_A-Za-z][_A-Za-z0-9]*/g) ?? []);
        for (const e of r.body.errors ?? []) {
          errors++;
          if (/did you mean/i.test(e.message)) leaks.push(`${p.label}: ${e.message}`);
          const names = unsentNames(e.message, sent);
          if (names.length > 0) leaks.push(`${p.label}: names ${names.join(', ')} in "${e.message}"`);
        }
      }
      expect(leaks).toEqual([]);
      expect(errors).toBeGreaterThan(probes.length / 2);
    } finally {
      await server.close();
    }
  });
});
