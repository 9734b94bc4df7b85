import { GraphQLScalarType, Kind } from 'graphql';
import { isValidDate } from '../../src/lib/dates.js';
import { invalidScalar } from './invalid.js';

const message = 'Date must be a calendar date YYYY-MM-DD';

/** Date: 'YYYY-MM-DD', a real calendar day. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD.',
  serialize(value) {
    const s = typeof value === 'string' ? value.slice(0, 10) : '';
    if (!isValidDate(s)) throw new TypeError('Date cannot represent this value');
    return s;
  },
  parseValue(value) {
    if (typeof value !== 'string' || !isValidDate(value)) throw invalidScalar(message);
    return value;
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING || !isValidDate(ast.value)) throw invalidScalar(message);
    return ast.value;
  },
});
