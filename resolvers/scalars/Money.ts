import { GraphQLScalarType, Kind } from 'graphql';
import { isMoneyString, toMoney } from '../../src/lib/money.js';
import { invalidScalar } from './invalid.js';

/** Money: an exact decimal string with two places. Input must be a string ("12.50"), never a float. */
export const Money = new GraphQLScalarType<string, string>({
  name: 'Money',
  description: 'An exact amount of money as a decimal string with two decimals, e.g. "1234.50".',
  serialize(value) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') return toMoney(value);
    throw new TypeError('Money cannot represent this value');
  },
  parseValue(value) {
    if (typeof value !== 'string' || !isMoneyString(value)) throw invalidScalar('Money must be a decimal string with at most two decimals, e.g. "12.50"');
    return toMoney(value);
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING || !isMoneyString(ast.value)) throw invalidScalar('Money must be a decimal string with at most two decimals, e.g. "12.50"');
    return toMoney(ast.value);
  },
});
