import type { Flavor } from './Db.js';

/** What goes into every statement's leading comment, so DBAs find it in the process list and slow log. */
export interface StatementTag {
  purpose: string;
  clientId: number;
  requestId: string;
}

const SAFE = /[^A-Za-z0-9_.:-]/g;

/** `/* cg:loadPatientsByIds c=12 r=abc *\/ ` — the trailing spaces make `c=12 ` a safe marker for KILL. */
export function tagComment(tag: StatementTag): string {
  return `/* cg:${tag.purpose.replace(SAFE, '_')} c=${tag.clientId} r=${tag.requestId.replace(SAFE, '_')} */ `;
}

/** Prefixes the tag and, for reads with a deadline, the dialect's server-side statement timeout. */
export function tagSql(sqlText: string, tag: StatementTag, flavor: Flavor, deadlineMs?: number): string {
  const comment = tagComment(tag);
  if (!deadlineMs || deadlineMs <= 0 || !/^\s*select\b/i.test(sqlText)) return comment + sqlText;
  if (flavor === 'mariadb') {
    return `${comment}SET STATEMENT max_statement_time=${(deadlineMs / 1000).toFixed(3)} FOR ${sqlText}`;
  }
  if (flavor === 'mysql') {
    return comment + sqlText.replace(/^\s*select\b/i, `select /*+ MAX_EXECUTION_TIME(${Math.ceil(deadlineMs)}) */`);
  }
  return comment + sqlText; // SQLite runs in-process and has no per-statement timeout
}
