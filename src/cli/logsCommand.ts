import { Command } from 'commander';
import { positiveInt, printJson, say, withClientsService, type AdminCliDeps } from './withClientsService.js';
import type { RequestLogFilter } from '../services/clients/types.js';
import { toSqlDateTime } from '../lib/dates.js';

/** '1h', '30m', '2d', '45s' -> milliseconds */
export const parseSince = (text: string): number => {
  const m = /^(\d+)\s*(s|m|h|d)$/.exec(text.trim());
  if (!m) throw new Error(`--since takes a duration like 30m, 1h or 2d (got ${text})`);
  return Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 's' | 'm' | 'h' | 'd'];
};

/** `chartgate logs --client ID --code CODE --since 1h [--limit N] [--json]`: the integration log. */
export function logsCommand(deps: AdminCliDeps): Command {
  return new Command('logs')
    .description('the integration log, newest first')
    .option('--client <id>', 'only this client')
    .option('--code <code>', 'only this error code, e.g. FORBIDDEN')
    .option('--operation <name>', 'only this operation name')
    .option('--since <duration>', 'only the last 30m / 1h / 2d', '1h')
    .option('--limit <n>', 'at most this many rows (1-500)', '100')
    .option('--json', 'print JSON')
    .action(async (o) =>
      withClientsService(deps, async (service) => {
        const since = toSqlDateTime(new Date(Date.now() - parseSince(o.since)));
        const filter: RequestLogFilter = {
          since,
          ...(o.client ? { clientId: positiveInt(o.client) } : {}),
          ...(o.code ? { errorCode: o.code } : {}),
          ...(o.operation ? { operationName: o.operation } : {}),
        };
        const { entries } = await service.integrationLog(filter, positiveInt(o.limit));
        if (o.json) return printJson(entries);
        if (entries.length === 0) say('no requests');
        for (const e of entries) {
          say(
            `${e.createdAt}  client ${String(e.clientId).padStart(3)}  ${String(e.status)}  ${(e.errorCode ?? '-').padEnd(22)}  ${String(e.durationMs).padStart(5)}ms  ${String(e.rows).padStart(5)} rows  ${e.clientIp.padEnd(15)}  ${e.operationName ?? '(anonymous)'}  ${e.requestId}`,
          );
        }
      }),
    );
}
