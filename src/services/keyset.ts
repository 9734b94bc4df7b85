import { sql, type Expression, type SqlBool } from 'kysely';

/**
 * Keyset predicate "(col, id) > (value, afterId)" written so an index on (col, id) is used on
 * both dialects: col >= value AND (col > value OR id > afterId). Column names are our own constants.
 */
export function afterKey(col: string, idCol: string, value: string | number, afterId: number): Expression<SqlBool> {
  const c = sql.ref(col);
  return sql<SqlBool>`(${c} >= ${value} and (${c} > ${value} or ${sql.ref(idCol)} > ${afterId}))`;
}

/** Keyset predicate on a unique id alone. */
export const afterId = (idCol: string, id: number): Expression<SqlBool> => sql<SqlBool>`${sql.ref(idCol)} > ${id}`;
