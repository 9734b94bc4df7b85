import { badInput } from '../../src/lib/DomainError.js';
import { toId as parseId } from '../ids.js';
import type { AdminContext } from './adminContext.js';

interface Args {
  filter?: {
    clientId?: string | null;
    errorCode?: string | null;
    operationName?: string | null;
    status?: number | null;
    since?: string | null;
    until?: string | null;
  } | null;
  first?: number | null;
  after?: string | null;
}

/** ISO 8601 or 'YYYY-MM-DD HH:MM:SS' -> the UTC DATETIME shape the table stores. */
const toStored = (value: string, field: string): string => {
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(value) ? `${value.replace(' ', 'T')}Z` : value);
  if (Number.isNaN(ms)) throw badInput('not a date-time', field);
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
};

/** Query.integrationLog: newest first, keyset-paged. */
export async function integrationLog(_: unknown, args: Args, ctx: AdminContext) {
  const f = args.filter ?? {};
  const page = await ctx.services.clients.integrationLog(
    {
      // client 0 = callers whose credential was not recognised
      ...(f.clientId != null ? { clientId: f.clientId === '0' ? 0 : parseId(f.clientId, 'filter.clientId') } : {}),
      ...(f.errorCode ? { errorCode: f.errorCode } : {}),
      ...(f.operationName ? { operationName: f.operationName } : {}),
      ...(f.status != null ? { status: f.status } : {}),
      ...(f.since ? { since: toStored(f.since, 'filter.since') } : {}),
      ...(f.until ? { until: toStored(f.until, 'filter.until') } : {}),
    },
    args.first ?? 50,
    args.after,
  );
  return { edges: page.entries.map((node) => ({ cursor: node.cursor, node })), pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor } };
}
