import { badInput } from '../../src/lib/DomainError.js';

export const parseId = (value: string | number, field: string): number => {
  const n = typeof value === 'number' ? value : /^\d{1,15}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) throw badInput(`${field} must be a positive integer id`, field);
  return n;
};
