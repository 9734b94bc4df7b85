/** 'YYYY-MM-DD HH:MM:SS' (UTC), the DATETIME shape both dialects return (src/db/tables.ts). */
export const toSqlDateTime = (d: Date): string => d.toISOString().slice(0, 19).replace('T', ' ');

/** Milliseconds since the epoch of a 'YYYY-MM-DD HH:MM:SS' UTC string. */
export const fromSqlDateTime = (s: string): number => Date.parse(`${s.replace(' ', 'T')}Z`);
