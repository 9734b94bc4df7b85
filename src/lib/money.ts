/**
 * Money is an exact decimal string with two places ('123.45'). Drivers hand DECIMAL back as a
 * string (mysql2) or a number (SQLite's NUMERIC affinity); both are normalised through cents.
 */
const DECIMAL = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

/** '12.5' | 12.5 | '12.50' -> 1250n cents. Throws on anything that is not a 2-place decimal. */
export function toCents(value: string | number | bigint): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`not a money amount: ${value}`);
    return BigInt(Math.round(value * 100));
  }
  const m = DECIMAL.exec(value.trim());
  if (!m) {
    // a SUM over SQLite REAL may come back with float noise like '12.000000001': round to cents
    const n = Number(value);
    if (!Number.isFinite(n)) throw new RangeError(`not a money amount: ${value}`);
    return BigInt(Math.round(n * 100));
  }
  const cents = BigInt(m[2]) * 100n + BigInt((m[3] ?? '0').padEnd(2, '0'));
  return m[1] === '-' ? -cents : cents;
}

/** 1250n -> '12.50' */
export function centsToMoney(cents: bigint | number): string {
  const c = BigInt(cents);
  const negative = c < 0n;
  const abs = negative ? -c : c;
  const whole = abs / 100n;
  const frac = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${whole}.${frac}`;
}

/** Any driver's DECIMAL value -> '123.45'. */
export const toMoney = (value: string | number | bigint): string => centsToMoney(toCents(value));

/** True for a money string a client may send: optional minus, digits, at most 2 decimals. */
export const isMoneyString = (value: string): boolean => DECIMAL.test(value) && value.length <= 18;
