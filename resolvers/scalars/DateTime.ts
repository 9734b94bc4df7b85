import { GraphQLScalarType, Kind } from 'graphql';
import { parseIsoDateTime, sqlDateTimeToIso, toIsoUtc } from '../../src/lib/dates.js';
import { invalidScalar } from './invalid.js';

const message = 'DateTime must be ISO 8601 with an offset, e.g. 2026-03-01T14:30:00Z';
const SQL_FORM = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

const parse = (value: unknown): string => {
  const d = typeof value === 'string' ? parseIsoDateTime(value) : null;
  if (!d) throw invalidScalar(message);
  return toIsoUtc(d);
};

/** DateTime: ISO 8601 with an offset in, UTC ('...Z') out. Internally an ISO UTC string. */
export const DateTime = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description: 'An instant in ISO 8601 with an offset; chartgate answers in UTC.',
  serialize(value) {
    if (value instanceof Date) return toIsoUtc(value);
    if (typeof value === 'string') {
      if (SQL_FORM.test(value)) return sqlDateTimeToIso(value);
      const d = parseIsoDateTime(value);
      if (d) return toIsoUtc(d);
    }
    throw new TypeError('DateTime cannot represent this value');
  },
  parseValue: parse,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw invalidScalar(message);
    return parse(ast.value);
  },
});
