import { Command, Option } from 'commander';
import { printJson, say, type CliDeps } from './CliDeps.js';
import { formatClient, formatIssuedKey } from './formatClient.js';
import { csv, idList, limitsJson, positiveId } from './parsers.js';
import { rolloutOption, updateClientCommand } from './updateClientCommand.js';
import { withAdmin } from './withAdmin.js';

/** `chartgate clients create|update|delete|list|show|suspend|resume` */
export function clientsCommand(deps: CliDeps): Command {
  const clients = new Command('clients').description('integration clients: create, update, delete, list, show, suspend (kill switch), resume');

  clients
    .command('create')
    .description('create a client with its own service user and first API key (printed once)')
    .requiredOption('--name <name>', 'display name')
    .addOption(new Option('--kind <kind>', 'kind of integration').choices(['dashboard', 'dso', 'internal']).makeOptionMandatory())
    .addOption(
      new Option('--class <class>', 'how the governor shares the database with it (default: reporting for dashboards, else interactive)').choices([
        'interactive',
        'reporting',
        'bulk',
      ]),
    )
    .requiredOption('--scopes <scopes>', 'comma-separated, e.g. patients:read,schedule:read')
    .option('--clinics <ids>', 'comma-separated ClinicNums it may see (default: all)', idList)
    .option('--ips <cidrs>', 'comma-separated IPv4/IPv6 CIDRs it may call from (default: any)')
    .option('--vendor <vendor>', 'vendor name', '')
    .addOption(new Option('--mode <mode>', 'governor mode').choices(['measure', 'enforce']).default('enforce'))
    .option('--trusted-only', 'only certified operations (the same as --rollout enforce)')
    .addOption(rolloutOption())
    .option('--introspection', 'allow schema introspection', false)
    .option('--act-for <userNums>', 'staff UserNums it may name in X-Acting-User (enables acting)', idList)
    .option('--limits <json>', 'governor overrides as JSON, e.g. \'{"maxCost":20000,"maxInFlight":2}\' (default: the global limits)', limitsJson)
    .option('--json', 'print JSON')
    .action(async (o) =>
      withAdmin(deps, async ({ clients: service }) => {
        const actFor: number[] = o.actFor ?? [];
        const { client, key } = await service.create({
          name: o.name,
          vendor: o.vendor,
          kind: o.kind,
          ...(o.class ? { class: o.class } : {}),
          scopes: csv(o.scopes),
          clinicIds: o.clinics ?? [],
          ipAllowList: csv(o.ips),
          mode: o.mode,
          ...(o.trustedOnly ? { trustedOnly: true } : {}),
          ...(o.rollout ? { rollout: o.rollout } : {}),
          allowIntrospection: o.introspection,
          mayActForStaff: actFor.length > 0,
          staffUserNums: actFor,
          limits: o.limits ?? null,
        });
        if (o.json) return printJson({ client, key });
        say(formatClient(client));
        say(formatIssuedKey(key));
      }),
    );

  clients.addCommand(updateClientCommand(deps));

  clients
    .command('delete')
    .description('revoke every key of the client and mark it deleted (its rows stay for the audit); it never authenticates again')
    .argument('<id>', 'client id', positiveId)
    .option('--json', 'print JSON')
    .action(async (id: number, o) =>
      withAdmin(deps, async ({ clients: service }) => {
        const deleted = await service.delete(id);
        if (o.json) return printJson(deleted);
        say(`client ${id} (${deleted.client.name}) deleted at ${deleted.deletedAt}; revoked keys: ${deleted.revokedKeyIds.join(', ') || 'none'}`);
      }),
    );

  clients
    .command('list')
    .description('list every client (deleted ones with --deleted)')
    .option('--deleted', 'include deleted clients')
    .option('--json', 'print JSON')
    .action(async (o) =>
      withAdmin(deps, async ({ clients: service }) => {
        const all = await service.list({ includeDeleted: !!o.deleted });
        if (o.json) return printJson(all);
        if (all.length === 0) say('no clients');
        for (const c of all)
          say(`${String(c.id).padStart(4)}  ${c.status.padEnd(9)}  ${c.kind.padEnd(9)}  ${c.class.padEnd(11)}  ${c.name}  [${c.scopes.join(' ')}]`);
      }),
    );

  clients
    .command('show')
    .description('one client with its keys')
    .argument('<id>', 'client id', positiveId)
    .option('--json', 'print JSON')
    .action(async (id: number, o) =>
      withAdmin(deps, async ({ clients: service }) => {
        const c = await service.get(id);
        if (o.json) return printJson(c);
        say(formatClient(c));
      }),
    );

  clients
    .command('suspend')
    .description('kill switch: refuse the client everywhere within a second and end its running statements')
    .argument('<id>', 'client id', positiveId)
    .requiredOption('--reason <text>', 'public reason shown to the client')
    .option('--json', 'print JSON')
    .action(async (id: number, o) =>
      withAdmin(deps, async ({ clients: service }) => {
        const c = await service.suspend(id, o.reason);
        if (o.json) return printJson(c);
        say(`client ${c.id} (${c.name}) suspended: ${c.suspendedReason}`);
      }),
    );

  clients
    .command('resume')
    .description('lift a suspension')
    .argument('<id>', 'client id', positiveId)
    .option('--json', 'print JSON')
    .action(async (id: number, o) =>
      withAdmin(deps, async ({ clients: service }) => {
        const c = await service.resume(id);
        if (o.json) return printJson(c);
        say(`client ${c.id} (${c.name}) is active again`);
      }),
    );

  return clients;
}
