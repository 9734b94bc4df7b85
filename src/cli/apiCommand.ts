import { Command } from 'commander';
import { printJson, say, type CliDeps } from './CliDeps.js';
import { withAdmin } from './withAdmin.js';

/** `chartgate api disable --reason "..." | enable | status`: the whole-API switch. */
export function apiCommand(deps: CliDeps): Command {
  const api = new Command('api').description('the whole-API switch (admin-scope clients still pass, to switch it back on)');
  const run = (enabled: boolean | null) => async (o: { reason?: string; json?: boolean }) =>
    withAdmin(deps, async ({ clients }) => {
      const status = enabled === null ? await clients.apiStatus() : await clients.setApiEnabled(enabled, o.reason ?? null);
      if (o.json) return printJson(status);
      say(status.enabled ? 'API is enabled' : `API is disabled: ${status.reason ?? ''}`);
    });
  api
    .command('disable')
    .description('switch the API off for every client')
    .requiredOption('--reason <text>', 'public reason')
    .option('--json', 'print JSON')
    .action(run(false));
  api.command('enable').description('switch the API back on').option('--json', 'print JSON').action(run(true));
  api.command('status').description('show the switch').option('--json', 'print JSON').action(run(null));
  return api;
}
