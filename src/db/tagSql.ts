import type { DialectSyntax } from './dialects/DialectSyntax.js';

/** What goes into every statement's leading comment, so DBAs find it in the process list and slow log. */
export interface StatementTag {
  purpose: string;
  clientId: number;
  /** the caller's correlation id (may be caller-chosen: never used to kill) */
  requestId: string;
  /** the server-generated kill marker */
  marker: string;
}

const SAFE = /[^A-Za-z0-9_.:-]/g;

/** `/* cg:loadPatientsByIds c=12 r=abc k=9f2... *\/ `: the trailing spaces make `c=12 ` and `k=9f2... ` safe kill markers. */
function tagComment(tag: StatementTag): string {
  return `/* cg:${tag.purpose.replace(SAFE, '_')} c=${tag.clientId} r=${tag.requestId.replace(SAFE, '_')} k=${tag.marker.replace(SAFE, '_')} */ `;
}

/** The kill marker of one request (see tagComment). */
export const requestMarker = (marker: string): string => `k=${marker.replace(SAFE, '_')} `;
/** The kill marker of every statement of one client. */
export const clientMarker = (clientId: number): string => `c=${clientId} `;

/** Prefixes the tag and, for reads with a deadline, the dialect's server-side statement timeout. */
export function tagSql(sqlText: string, tag: StatementTag, syntax: DialectSyntax, deadlineMs?: number): string {
  const body = deadlineMs && deadlineMs > 0 ? syntax.withDeadline(sqlText, deadlineMs) : sqlText;
  return tagComment(tag) + body;
}
