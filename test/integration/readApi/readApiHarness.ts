import { buildSchema as buildSubgraphSchemaFor } from '../../../src/schema/buildSchema.js';
import { execute, parse, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { resolvers } from '../../../resolvers/index.js';
import type { Principal } from '../../../src/auth/Principal.js';
import type { RequestContext } from '../../../src/context.js';
import type { Db } from '../../../src/db/createDb.js';
import { isDomainError } from '../../../src/lib/DomainError.js';
import { contextAs } from '../../harness/harness.js';

const ALL_READ = ['patients:read', 'schedule:read', 'clinical:read', 'billing:read', 'reports:read'];

export const principalFor = (opts: { clinicIds?: number[] | null; scopes?: string[] } = {}): Principal => ({
  clientId: 7,
  clientName: 'read-api-test',
  keyId: 1,
  scopes: new Set(opts.scopes ?? ALL_READ),
  clinicIds: opts.clinicIds ? new Set(opts.clinicIds) : null,
  actingUser: { userNum: 0, userName: 'svc' },
});

export interface RunResult<T = Record<string, any>> {
  data: T | null | undefined;
  errors: { code: string; field?: string; path?: readonly (string | number)[] }[];
  /** purposes of the SQL statements the request ran, in order */
  statements: string[];
}

/** The executable schema exactly as main.ts builds it. */
const buildSchema = (): GraphQLSchema => buildSubgraphSchemaFor(resolvers);

/**
 * Runs operations with graphql's execute over a fresh request context each time (services,
 * loaders, and a SqlRunner whose observer records every statement).
 */
export function createReadApi(db: Db, schema: GraphQLSchema = buildSchema()) {
  return async function run<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    principal: Principal = principalFor(),
  ): Promise<RunResult<T>> {
    const statements: string[] = [];
    const contextValue: RequestContext = contextAs(db, principal, { observe: (purpose) => statements.push(purpose) });
    const result = (await execute({ schema, document: parse(query), variableValues: variables, contextValue })) as ExecutionResult<T>;
    const errors = (result.errors ?? []).map((e) => {
      const original = e.originalError;
      if (isDomainError(original)) return { code: original.code as string, field: original.field, path: e.path };
      if (original && !(original as { extensions?: unknown }).extensions) throw original; // an unexpected failure: show it
      return { code: String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'), path: e.path };
    });
    return { data: result.data, errors, statements };
  };
}
