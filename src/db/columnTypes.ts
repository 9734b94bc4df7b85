import type { ColumnType } from 'kysely';

/** The column shapes both dialects return (see tables.ts). */

/** 'YYYY-MM-DD' */
export type DateStr = string;
/** 'YYYY-MM-DD HH:MM:SS' in UTC */
export type DateTimeStr = string;
/** DECIMAL(12,2) as an exact string, e.g. '123.45' */
export type Decimal = ColumnType<string, string | number, string | number>;
/** Tiny boolean flags are 0/1 integers on both dialects */
export type Flag = number;
