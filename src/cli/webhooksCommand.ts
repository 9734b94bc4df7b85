import { Command } from 'commander';
import type { DeliveryStatus } from '../services/webhooks/types.js';
import { printJson, say, type CliDeps } from './CliDeps.js';
import { formatDelivery, formatEndpoint, formatSecret } from './formatWebhook.js';
import { csv, deliveryStatuses, logLimit, portNumber, positiveId, secretGraceSeconds, sinceInstant } from './parsers.js';
import { withAdmin } from './withAdmin.js';

/** `chartgate webhooks create|list|enable|delete|rotate-secret|deliveries|replay|worker` */
export function webhooksCommand(deps: CliDeps): Command {
  const webhooks = new Command('webhooks').description('webhook endpoints: subscribe, list, rotate secrets, inspect deliveries, replay; run the dispatcher');

  webhooks
    .command('create')
    .description("subscribe an endpoint to a client's events; prints the signing secret once")
    .requiredOption('--client <id>', 'the client whose events it receives', positiveId)
    .requiredOption('--url <url>', 'https URL (http and private addresses only with WEBHOOKS_ALLOW_PRIVATE)')
    .requiredOption('--events <types>', 'comma-separated event types, e.g. appointment.booked,appointment.cancelled')
    .option('--full-payload', 'add the entity, as the client may read it, to each event (default: thin events)', false)
    .option('--json', 'print JSON')
    .action(async (o: { client: number; url: string; events: string; fullPayload: boolean; json?: boolean }) =>
      withAdmin(deps, async ({ webhooks: service }) => {
        const created = await service.create({ clientId: o.client, url: o.url, eventTypes: csv(o.events), fullPayload: o.fullPayload });
        if (o.json) return printJson(created);
        say(formatEndpoint(created.endpoint));
        say(formatSecret(created.secret));
      }),
    );

  webhooks
    .command('list')
    .description("every endpoint, or one client's")
    .option('--client <id>', 'only this client', positiveId)
    .option('--json', 'print JSON')
    .action(async (o: { client?: number; json?: boolean }) =>
      withAdmin(deps, async ({ webhooks: service }) => {
        const all = await service.list(o.client);
        if (o.json) return printJson(all);
        if (all.length === 0) say('no webhook endpoints');
        for (const e of all) say(formatEndpoint(e));
      }),
    );

  webhooks
    .command('enable')
    .description('enable a disabled endpoint again: what waited for it is delivered')
    .argument('<id>', 'endpoint id', positiveId)
    .option('--json', 'print JSON')
    .action(async (id: number, o: { json?: boolean }) =>
      withAdmin(deps, async ({ webhooks: service }) => {
        const e = await service.update({ id, enabled: true });
        if (o.json) return printJson(e);
        say(formatEndpoint(e));
      }),
    );

  webhooks
    .command('delete')
    .description('delete an endpoint and its deliveries')
    .argument('<id>', 'endpoint id', positiveId)
    .option('--json', 'print JSON')
    .action(async (id: number, o: { json?: boolean }) =>
      withAdmin(deps, async ({ webhooks: service }) => {
        const gone = await service.remove(id);
        if (o.json) return printJson(gone);
        say(`webhook endpoint ${id} deleted`);
      }),
    );

  webhooks
    .command('rotate-secret')
    .description('a new signing secret (printed once); the old one keeps signing beside it for the overlap')
    .argument('<id>', 'endpoint id', positiveId)
    .option('--grace <seconds>', 'the overlap, 0 to 2592000 (default WEBHOOKS_SECRET_GRACE_S)', secretGraceSeconds)
    .option('--json', 'print JSON')
    .action(async (id: number, o: { grace?: number; json?: boolean }) =>
      withAdmin(deps, async ({ webhooks: service }) => {
        const rotated = await service.rotateSecret(id, o.grace);
        if (o.json) return printJson(rotated);
        say(formatEndpoint(rotated.endpoint));
        say(formatSecret(rotated.secret));
      }),
    );

  webhooks
    .command('deliveries')
    .description("an endpoint's deliveries, newest first: status, attempts, last error")
    .argument('<endpointId>', 'endpoint id', positiveId)
    .option('--status <list>', 'only these: pending, delivered, failed, dead (comma-separated)', deliveryStatuses)
    .option('--undelivered', 'only pending, failed and dead', false)
    .option('--limit <n>', 'at most this many (1-500)', logLimit, 50)
    .option('--json', 'print JSON')
    .action(async (endpointId: number, o: { status?: string[]; undelivered: boolean; limit: number; json?: boolean }) =>
      withAdmin(deps, async ({ webhooks: service }) => {
        const page = o.undelivered
          ? await service.undelivered({ endpointId }, o.limit)
          : await service.deliveries({ endpointId, statuses: o.status as DeliveryStatus[] | undefined }, o.limit);
        const items = page.edges.map((e) => e.node);
        if (o.json) return printJson(items);
        if (items.length === 0) say('no deliveries');
        for (const d of items) say(formatDelivery(d));
      }),
    );

  webhooks
    .command('replay')
    .description('queue events for an endpoint again, with the same webhook-id: one event, or all it receives since a time')
    .argument('<endpointId>', 'endpoint id', positiveId)
    .option('--event <id>', 'one event', positiveId)
    .option('--since <when>', 'a duration back from now (30m, 2h, 3d) or an ISO 8601 time', (v: string) => sinceInstant(v))
    .option('--json', 'print JSON')
    .action(async (endpointId: number, o: { event?: number; since?: string; json?: boolean }) =>
      withAdmin(deps, async ({ webhooks: service }) => {
        const result = await service.replay({ endpointId, eventId: o.event ?? null, since: o.since ?? null });
        if (o.json) return printJson(result);
        say(`${result.queued} deliver${result.queued === 1 ? 'y' : 'ies'} queued for endpoint ${endpointId}`);
      }),
    );

  webhooks
    .command('worker')
    .description('run the webhook dispatcher alone until SIGINT/SIGTERM (set WEBHOOKS_DISPATCHER_ENABLED=false on the servers)')
    .option('--metrics-port <port>', 'serve GET /metrics on 127.0.0.1:<port>', portNumber)
    .action(async (o: { metricsPort?: number }) => {
      const { runWebhookWorker } = await import('./webhookWorker.js');
      await runWebhookWorker(deps, o);
    });

  return webhooks;
}
