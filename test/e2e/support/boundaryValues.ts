import { COLUMN_LENGTHS } from '../../../src/db/columnLengths.js';

/** Every distinct column length, and one past it: text at each boundary of every column. */
const lengths = [...new Set(Object.values(COLUMN_LENGTHS).flatMap((t) => Object.values(t) as number[]))].sort((a, b) => a - b).flatMap((n) => [n, n + 1]);

/**
 * Boundary and hostile values per input type, as JSON a client can send. Values the type itself
 * refuses (a string for an Int) are in on purpose: every one must answer 4xx, never 500.
 */
export const BOUNDARY_VALUES: Record<string, readonly unknown[]> = {
  String: [
    '',
    ' ',
    'a',
    ...lengths.map((n) => 'x'.repeat(n)),
    ...[4000, 4001, 70_000].map((n) => 'y'.repeat(n)),
    '😀'.repeat(40),
    'é'.repeat(17),
    '\u0000',
    'nul\u0000in the middle',
    '\ud800',
    '\udfff lone',
    '\u202eevil',
    '\u0007\u001b[31m',
    'line\nbreak\ttab\r',
    `O'Brien"; drop table patient;--`,
    '%_\\%',
    '  padded  ',
    42,
    true,
    null,
  ],
  ID: ['', '0', '-1', '1', '01', '1.5', '1e3', '0x10', ' 1', 'abc', '2147483648', '9007199254740993', '99999999999999999999', 1, -1, 1.5, true, null],
  Int: [0, -1, 1, 5, 499, 500, 501, 2147483647, -2147483648, 2147483648, 1.5, '1', true, null],
  Float: [0, -1, 1.5, 1e308, -1e308, 'x', null],
  Boolean: [true, false, 'true', 0, null],
  Date: [
    '0001-01-01',
    '0099-12-31',
    '0100-01-01',
    '1000-01-01',
    '1879-12-31',
    '1880-01-01',
    '2026-02-29',
    '2024-02-29',
    '9999-12-31',
    '10000-01-01',
    '2026-1-1',
    '',
    'x',
    20260101,
    null,
  ],
  DateTime: [
    '9999-12-31T23:59:59-05:00',
    '0001-01-01T00:00:00+05:00',
    '0001-01-01T00:00:00Z',
    '0100-01-01T00:00:00+01:00',
    '1000-01-01T00:00:00Z',
    '9999-12-31T23:55:00Z',
    '9999-12-31T23:59:59+14:00',
    '2026-03-01T14:30:00.123456789Z',
    '2026-03-01T14:30:00+14:00',
    '2026-03-01T14:30:00-12:00',
    '2026-03-01T24:00:00Z',
    '2026-03-01T14:30:00+25:00',
    '2026-03-01',
    '',
    'x',
    0,
    null,
  ],
  Money: ['0', '0.00', '0.01', '-1', '1.005', '9999999999.99', '10000000000.00', '99999999999999.99', '1e3', 'NaN', '', 12.5, null],
  _Any: [
    {},
    { __typename: 'Patient' },
    { __typename: 'Patient', id: '1' },
    { __typename: 'Patient', id: {} },
    { __typename: 'Patient', id: -1 },
    { __typename: 'Patient', id: '99999999999999999999' },
    { __typename: 'Clinic', id: '1' },
    { __typename: '__proto__', id: '1' },
    { __typename: 'constructor', id: '1' },
    { __typename: 'Query' },
    'x',
    [],
    null,
  ],
};

/** For an enum: each value, and what is not one. */
export const enumValues = (values: readonly string[]): unknown[] => [...values, values[0]!.toLowerCase(), 'NOPE', '', 1, null];
