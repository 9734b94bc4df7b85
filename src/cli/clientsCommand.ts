import { Command, Option } from 'commander';
import { csv, positiveInt, printJson, say, withClientsService, type AdminCliDeps } from './withClientsService.js';
import { formatClient, formatIssuedKey } from './formatClient.js';

/** `chartgate clients create|list|show|suspend|resume` */
export function clientsCommand(deps: AdminCliDeps): Command {
  const clients = new Command('clients').description('integration clients: create, list, show, suspend (kill switch), resume');

  clients
    .command('create')
    .description('create a client with its own service user and first API key (printed once)')
    .requiredOption('--name <name>', 'display name')
    .addOption(new Option('--kind <kind>', 'kind of integration').choices(['dashboard', 'dso', 'internal']).makeOptionMandatory())
    .requiredOption('--scopes <scopes>', 'comma-separated, e.g. patients:read,schedule:read')
    .option('--clinics <ids>', 'comma-separated ClinicNums it may see (default: all)')
    .option('--ips <cidrs>', 'comma-separated IPv4/IPv6 CIDRs it may call from (default: any)')
    .option('--vendor <vendor>', 'vendor name', '')
    .addOption(new Option('--mode <mode>', 'governor mode').choices(['measure', 'enforce']).default('enforce'))
    .option('--trusted-only', 'only certified operations', false)
    .option('--introspection', 'allow schema introspection', false)
    .option('--act-for <userNums>', 'staff UserNums it may name in X-Acting-User (enables acting)')
    .option('--limits <json>', 'governor overrides as JSON, e.g. \'{"maxCost":20000,"maxInFlight":2}\' (default: global limits)')
    .option('--json', 'print JSON')
    .action(async (o) =>
      withClientsService(deps, async (service) => {
        const actFor = csv(o.actFor).map(positiveInt);
        const { client, key } = await service.create({
          name: o.name,
          vendor: o.vendor,
          kind: o.kind,
          scopes: csv(o.scopes),
          clinicIds: csv(o.clinics).map(positiveInt),
          ipAllowList: csv(o.ips),
          mode: o.mode,
          trustedOnly: o.trustedOnly,
          allowIntrospection: o.introspection,
          mayActForStaff: actFor.length > 0,
          staffUserNums: actFor,
          limits: o.limits ? (JSON.parse(o.limits) as Record<string, number>) : null,
        });
        if (o.json) return printJson({ client, key });
        say(formatClient(client));
        say(formatIssuedKey(key));
      }),
    );

  clients
    .command('list')
    .description('list every client')
    .option('--json', 'print JSON')
    .action(async (o) =>
      withClientsService(deps, async (service) => {
        const all = await service.list();
        if (o.json) return printJson(all);
        if (all.length === 0) say('no clients');
        for (const c of all) say(`${String(c.id).padStart(4)}  ${c.status.padEnd(9)}  ${c.kind.padEnd(9)}  ${c.name}  [${c.scopes.join(' ')}]`);
      }),
    );

  clients
    .command('show <id>')
    .description('one client with its keys')
    .option('--json', 'print JSON')
    .action(async (id: string, o) =>
      withClientsService(deps, async (service) => {
        const c = await service.get(positiveInt(id));
        if (o.json) return printJson(c);
        say(formatClient(c));
      }),
    );

  clients
    .command('suspend <id>')
    .description('kill switch: refuse the client everywhere within a second and end its running statements')
    .requiredOption('--reason <text>', 'public reason shown to the client')
    .option('--json', 'print JSON')
    .action(async (id: string, o) =>
      withClientsService(deps, async (service) => {
        const c = await service.suspend(positiveInt(id), o.reason);
        if (o.json) return printJson(c);
        say(`client ${c.id} (${c.name}) suspended: ${c.suspendedReason}`);
      }),
    );

  clients
    .command('resume <id>')
    .description('lift a suspension')
    .option('--json', 'print JSON')
    .action(async (id: string, o) =>
      withClientsService(deps, async (service) => {
        const c = await service.resume(positiveInt(id));
        if (o.json) return printJson(c);
        say(`client ${c.id} (${c.name}) is active again`);
      }),
    );

  return clients;
}
