import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { formatError } from '../../src/http/renderError.js';
import { DomainError, badInput } from '../../src/lib/DomainError.js';
import { ErrorCode } from '../../src/lib/ErrorCode.js';

const asResolverError = (original: Error) => new GraphQLError(original.message, { path: ['patient'], originalError: original });
const formatted = (e: GraphQLError): GraphQLFormattedError => ({
  ...e.toJSON(),
  extensions: { ...e.extensions, code: e.extensions.code ?? 'INTERNAL_SERVER_ERROR' },
});
const run = (e: GraphQLError) => formatError(formatted(e), e);

describe('formatError', () => {
  it("maps a DomainError to its code, field and details (the status is the response's, never an extension)", () => {
    const out = run(asResolverError(badInput('first must be between 1 and 500', 'first', { maximum: 500 })));
    expect(out.message).toBe('first must be between 1 and 500');
    expect(out.path).toEqual(['patient']);
    expect(out.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'first', maximum: 500 });
  });

  it('keeps the code of every DomainError, with no extensions.http for a gateway to read', () => {
    for (const code of Object.values(ErrorCode)) {
      const out = run(asResolverError(new DomainError(code, 'x')));
      expect(out.extensions).toEqual({ code });
    }
  });

  it('drops an http extension a request error carries', () => {
    const e = new GraphQLError('provided sha does not match query', { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
    expect(run(e).extensions).toEqual({ code: 'BAD_REQUEST' });
  });

  it('masks anything else, without its message or stack', () => {
    const sqlError = new Error("ER_PARSE_ERROR: You have an error in your SQL syntax near 'SELECT * FROM patient'");
    const out = run(asResolverError(sqlError));
    expect(out.message).toBe('Internal server error');
    expect(out.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(JSON.stringify(out)).not.toMatch(/SQL|SELECT|stack/i);
  });

  it('passes GraphQL request errors through without a stack trace', () => {
    const e = new GraphQLError('Cannot query field "x" on type "Query".', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    const out = formatError({ ...formatted(e), extensions: { code: 'GRAPHQL_VALIDATION_FAILED', stacktrace: ['at x'] } }, e);
    expect(out.message).toBe('Cannot query field "x" on type "Query".');
    expect(out.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });

  it("gives Apollo's uncoded persisted-query errors a PERSISTED_QUERY_* code and 400", () => {
    for (const [message, code] of [
      ['provided sha does not match query', 'PERSISTED_QUERY_HASH_MISMATCH'],
      ['Unsupported persisted query version', 'PERSISTED_QUERY_INVALID'],
    ]) {
      const e = new GraphQLError(message!, { extensions: { http: { status: 400 } } });
      expect(run(e).extensions).toEqual({ code, http: { status: 400 } });
    }
  });

  it('drops suggestions and the names of required fields and arguments the client left out', () => {
    const pass = (message: string) =>
      formatError({ message, extensions: { code: 'BAD_USER_INPUT' } }, new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } })).message;
    expect(pass('Value "MALEE" does not exist in "Gender" enum. Did you mean the enum value "MALE" or "FEMALE"?')).toBe(
      'Value "MALEE" does not exist in "Gender" enum.',
    );
    expect(pass('Field "firstNam" is not defined by type "CreatePatientInput". Did you mean "firstName"?')).toBe(
      'Field "firstNam" is not defined by type "CreatePatientInput".',
    );
    expect(pass('Field "CreatePatientInput.firstName" of required type "String!" was not provided.')).toBe(
      'A required input field of type "String!" was not provided.',
    );
    expect(pass('Field "patient" argument "id" of type "ID!" is required, but it was not provided.')).toBe(
      'Field "patient" is missing a required argument of type "ID!".',
    );
    // a DomainError carrying a graphql-js message (the governor coerces variables itself) is cleaned the same way
    const wrapped = asResolverError(badInput('Variable "$g" got invalid value "X"; Did you mean "MALE"?'));
    expect(run(wrapped).message).toBe('Variable "$g" got invalid value "X";');
  });
});
