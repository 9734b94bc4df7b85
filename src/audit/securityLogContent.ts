import type { SecuritylogTable } from '../db/tables.js';

/** The authenticated content of a securitylog row: every column but LogHash, with driver types normalised. */
export type SecurityLogContent = Omit<{ [K in keyof SecuritylogTable]: K extends 'SecurityLogNum' ? number : SecuritylogTable[K] }, 'LogHash'>;

const NUMBERS = ['SecurityLogNum', 'UserNum', 'ProgramNum', 'ApiKeyNum', 'PatNum', 'FKey'] as const;
const STRINGS = ['PermType', 'RequestId', 'LogDateTime', 'LogSource', 'LogText', 'Changes', 'PrevHash'] as const;

/** A row as read from either driver -> its content (numbers as numbers, DATETIME as 'YYYY-MM-DD HH:MM:SS'). */
export function securityLogContent(row: Record<string, unknown>): Record<string, unknown> {
  const content: Record<string, unknown> = {};
  for (const k of NUMBERS) content[k] = Number(row[k]);
  // SQLite may hand a DATETIME back as-is and MySQL as 'YYYY-MM-DD HH:MM:SS': keep the first 19 chars
  for (const k of STRINGS) content[k] = k === 'LogDateTime' ? String(row[k] ?? '').slice(0, 19) : String(row[k] ?? '');
  return content;
}
