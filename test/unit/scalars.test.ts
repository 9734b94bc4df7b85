import { GraphQLError, Kind } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DateScalar } from '../../resolvers/scalars/DateScalar.js';
import { DateTime } from '../../resolvers/scalars/DateTime.js';
import { Money } from '../../resolvers/scalars/Money.js';
import { centsToMoney, toCents, toMoney } from '../../src/lib/money.js';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof GraphQLError ? e.extensions.code : 'other';
  }
  return null;
};

describe('Money', () => {
  it('serializes driver values exactly with two decimals', () => {
    expect(Money.serialize('123.4')).toBe('123.40');
    expect(Money.serialize('0.10')).toBe('0.10');
    expect(Money.serialize(0.1 + 0.2)).toBe('0.30');
    expect(Money.serialize('99999999999.99')).toBe('99999999999.99');
    expect(Money.serialize(-5)).toBe('-5.00');
  });
  it('parses decimal strings and rejects floats and junk', () => {
    expect(Money.parseValue('12.5')).toBe('12.50');
    expect(codeOf(() => Money.parseValue(12.5))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => Money.parseValue('12.345'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => Money.parseValue('1e3'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => Money.parseLiteral({ kind: Kind.FLOAT, value: '1.5' }, {}))).toBe('BAD_USER_INPUT');
  });
  it('sums exactly through cents', () => {
    const total = ['0.10', '0.20', '1234567.89'].reduce((s, v) => s + toCents(v), 0n);
    expect(centsToMoney(total)).toBe('1234568.19');
    expect(toMoney('12.000000001')).toBe('12.00');
  });
});

describe('Date', () => {
  it('accepts real calendar days only', () => {
    expect(DateScalar.parseValue('2026-02-28')).toBe('2026-02-28');
    expect(codeOf(() => DateScalar.parseValue('2026-02-30'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => DateScalar.parseValue('2026-2-3'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => DateScalar.parseValue('2026-02-03T00:00:00Z'))).toBe('BAD_USER_INPUT');
  });
  it('serializes a DATE column value', () => {
    expect(DateScalar.serialize('2026-03-01')).toBe('2026-03-01');
  });
});

describe('DateTime', () => {
  it('requires an offset and normalises to UTC', () => {
    expect(DateTime.parseValue('2026-03-01T14:30:00+02:00')).toBe('2026-03-01T12:30:00Z');
    expect(DateTime.parseValue('2026-03-01T14:30:00.123Z')).toBe('2026-03-01T14:30:00Z');
    expect(codeOf(() => DateTime.parseValue('2026-03-01T14:30:00'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => DateTime.parseValue('2026-03-01'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => DateTime.parseValue('2026-02-30T00:00:00Z'))).toBe('BAD_USER_INPUT');
  });
  it('serializes the database form and ISO strings as UTC ISO', () => {
    expect(DateTime.serialize('2026-03-01 14:30:00')).toBe('2026-03-01T14:30:00Z');
    expect(DateTime.serialize('2026-03-01T14:30:00Z')).toBe('2026-03-01T14:30:00Z');
    expect(DateTime.serialize(new Date('2026-03-01T14:30:00Z'))).toBe('2026-03-01T14:30:00Z');
  });
});

describe('dates at the edges of the years 1-9999', () => {
  it('a DateTime whose UTC form leaves the years 1-9999 is not a DateTime', async () => {
    const { parseIsoDateTime, isValidDate } = await import('../../src/lib/dates.js');
    expect(parseIsoDateTime('9999-12-31T23:59:59-05:00')).toBeNull();
    expect(parseIsoDateTime('0001-01-01T00:00:00+05:00')).toBeNull();
    expect(parseIsoDateTime('9999-12-31T23:59:59Z')?.toISOString()).toBe('9999-12-31T23:59:59.000Z');
    // Date.UTC reads the years 0-99 as 1900-1999: these are real dates of the first century
    expect(parseIsoDateTime('0100-01-01T00:00:00+01:00')?.toISOString()).toBe('0099-12-31T23:00:00.000Z');
    expect(isValidDate('0099-12-31')).toBe(true);
    expect(isValidDate('0050-02-29')).toBe(false);
    expect(isValidDate('0000-01-01')).toBe(false);
  });
});
