import { Command } from 'commander';
import type { RequestLogFilter } from '../gateway/clients/types.js';
import { toSqlDateTime } from '../lib/dates.js';
import { printJson, say, type CliDeps } from './CliDeps.js';
import { duration, logLimit, positiveId } from './parsers.js';
import { withAdmin } from './withAdmin.js';

/** `chartgate logs --client ID --code CODE --since 1h [--limit N] [--json]`: the integration log. */
export function logsCommand(deps: CliDeps): Command {
  return new Command('logs')
    .description('the integration log, newest first')
    .option('--client <id>', 'only this client', positiveId)
    .option('--code <code>', 'only this error code, e.g. FORBIDDEN')
    .option('--operation <name>', 'only this operation name')
    .option('--since <duration>', 'only the last 30m / 1h / 2d', duration, 3_600_000)
    .option('--limit <n>', 'at most this many rows (1-500)', logLimit, 100)
    .option('--json', 'print JSON')
    .action(async (o: { client?: number; code?: string; operation?: string; since: number; limit: number; json?: boolean }) =>
      withAdmin(deps, async ({ clients }) => {
        const filter: RequestLogFilter = {
          since: toSqlDateTime(new Date(Date.now() - o.since)),
          ...(o.client ? { clientId: o.client } : {}),
          ...(o.code ? { errorCode: o.code } : {}),
          ...(o.operation ? { operationName: o.operation } : {}),
        };
        const { entries } = await clients.integrationLog(filter, o.limit);
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
