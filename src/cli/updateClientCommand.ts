import { Command, Option } from 'commander';
import type { UpdateClientRequest } from '../services/clients/types.js';
import { printJson, say, type CliDeps } from './CliDeps.js';
import { formatClient } from './formatClient.js';
import { csv, idList, limitsJson, positiveId } from './parsers.js';
import { withAdmin } from './withAdmin.js';

/** `--rollout off|log|enforce`, shared by create and update. */
export const rolloutOption = () =>
  new Option('--rollout <rollout>', 'certification: off, log (unregistered operations run and are kept), enforce (only certified ones)').choices([
    'off',
    'log',
    'enforce',
  ]);

/** A list flag where "" (or the word given) means the empty list. */
const orEmpty =
  <T>(word: string, parse: (v: string) => T[]) =>
  (value: string): T[] =>
    value.trim() === '' || value.trim() === word ? [] : parse(value);

interface UpdateOptions {
  name?: string;
  vendor?: string;
  kind?: string;
  class?: string;
  scopes?: string;
  clinics?: number[];
  ips?: string[];
  mode?: 'measure' | 'enforce';
  trustedOnly?: boolean;
  rollout?: 'off' | 'log' | 'enforce';
  introspection?: boolean;
  actFor?: number[];
  limits?: UpdateClientRequest['limits'];
  json?: boolean;
}

/** `chartgate clients update ID [--name ...] ...`: only the flags given change. */
export function updateClientCommand(deps: CliDeps): Command {
  return new Command('update')
    .description('change a client: only the options given change; every change is in the security log with before and after')
    .argument('<id>', 'client id', positiveId)
    .option('--name <name>', 'display name')
    .option('--vendor <vendor>', 'vendor name')
    .addOption(new Option('--kind <kind>', 'kind of integration').choices(['dashboard', 'dso', 'internal']))
    .addOption(new Option('--class <class>', 'how the governor shares the database with it').choices(['interactive', 'reporting', 'bulk']))
    .option('--scopes <scopes>', 'replaces the scopes, comma-separated')
    .option('--clinics <ids>', 'replaces the ClinicNums it may see; "all" (or "") = every clinic', orEmpty('all', idList))
    .option('--ips <cidrs>', 'replaces the CIDRs it may call from; "any" (or "") = any address', orEmpty('any', csv))
    .addOption(new Option('--mode <mode>', 'governor mode').choices(['measure', 'enforce']))
    .option('--trusted-only', 'only certified operations')
    .option('--no-trusted-only', 'any operation (see --rollout)')
    .addOption(rolloutOption())
    .option('--introspection', 'allow schema introspection')
    .option('--no-introspection', 'refuse schema introspection')
    .option('--act-for <userNums>', 'replaces the staff UserNums it may name in X-Acting-User; "none" (or "") stops acting', orEmpty('none', idList))
    .option('--limits <json>', "replaces its own governor limits, e.g. '{\"maxCost\":20000}'; '{}' = the global defaults", limitsJson)
    .option('--json', 'print JSON')
    .action(async (id: number, o: UpdateOptions) =>
      withAdmin(deps, async ({ clients }) => {
        const { client, changedFields } = await clients.update(id, {
          name: o.name,
          vendor: o.vendor,
          kind: o.kind,
          class: o.class,
          scopes: o.scopes === undefined ? undefined : csv(o.scopes),
          clinicIds: o.clinics,
          ipAllowList: o.ips,
          mode: o.mode,
          trustedOnly: o.trustedOnly,
          rollout: o.rollout,
          allowIntrospection: o.introspection,
          ...(o.actFor ? { staffUserNums: o.actFor, mayActForStaff: o.actFor.length > 0 } : {}),
          limits: o.limits,
        });
        if (o.json) return printJson({ client, changedFields });
        say(formatClient(client));
        say(changedFields.length ? `changed: ${changedFields.join(', ')}` : 'nothing changed');
      }),
    );
}
