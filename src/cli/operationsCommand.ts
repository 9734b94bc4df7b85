import { maxLength } from '../db/columnLengths.js';
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import type { OperationLabel, OperationSelector } from '../gateway/operations/types.js';
import { toSqlDateTime } from '../lib/dates.js';
import { certificationDeps } from './certificationDeps.js';
import { printJson, say, type CliDeps } from './CliDeps.js';
import { UsageError } from './exitCodes.js';
import { duration, positiveId } from './parsers.js';
import { withAdmin } from './withAdmin.js';

interface LabelOptions {
  app?: string;
  version?: string;
  json?: boolean;
}

/** `--app NAME --version V` (both or neither): the app deployment an operation belongs to. */
function labelOf(o: LabelOptions): OperationLabel {
  if (!o.app !== !o.version) throw new UsageError('--app and --version go together');
  const label = { appName: o.app?.trim() ?? '', appVersion: o.version?.trim() ?? '' };
  const max = maxLength('gw_operation', 'app_name');
  if (label.appName.length > max || label.appVersion.length > maxLength('gw_operation', 'app_version'))
    throw new UsageError(`--app and --version are at most ${max} characters`);
  return label;
}

const short = (hash: string) => hash.slice(0, 12);

/**
 * `chartgate operations register|unregister|retire|list|seen|promote`: the certification lifecycle
 * (docs/certification.md). Every change is in the security log and reaches every instance within a poll.
 */
export function operationsCommand(deps: CliDeps): Command {
  const operations = new Command('operations').description('certified operations: register, retire, list with usage, promote what log mode saw');
  operations
    .command('register')
    .description('validate every operation of a .graphql file against the schema, price it at its worst variables and certify it for the client')
    .argument('<clientId>', 'client id', positiveId)
    .argument('<file>', '.graphql file with one or more operations')
    .option('--app <name>', 'the app deployment these operations belong to (with --version)')
    .option('--version <version>', "the app's version, e.g. 2.4.0")
    .option('--json', 'print JSON')
    .action(async (clientId: number, file: string, o: LabelOptions) => {
      const label = labelOf(o);
      const source = readFileSync(file, 'utf8');
      const config = deps.loadConfig();
      await withAdmin(deps, async ({ clients }, { gateway, securityLog }) => {
        const stamp = clients.authorizeAdmin();
        const client = await clients.get(clientId);
        const { registerOperations } = await import('../governor/certification/registerOperations.js');
        const registered = await registerOperations(
          { ...(await certificationDeps(config)), store: gateway.operations, log: securityLog },
          stamp,
          clientId,
          source,
          label,
        );
        const maxCost = client.limits.effective.maxCost;
        const warnings = registered
          .filter((r) => r.cost > maxCost)
          .map((r) => `${r.name || '(anonymous)'} costs ${r.cost} at its worst: above the client's maxCost ${maxCost}`);
        if (o.json) return printJson({ clientId, maxCost, operations: registered, warnings });
        for (const r of registered) say(`${r.outcome.padEnd(10)} ${r.name || '(anonymous)'}  worst cost ${r.cost}  sha256 ${r.hash}`);
        for (const w of warnings) say(`warning: ${w}`);
      });
    });

  const remove = (how: 'unregister' | 'retire') => async (clientId: number, selectors: string[], o: LabelOptions) => {
    const selector: OperationSelector = o.app || o.version ? { label: labelOf(o) } : { hashesOrNames: selectors };
    if (selector.label && selectors.length > 0) throw new UsageError('name operations or give --app/--version, not both');
    if (!selector.label && selectors.length === 0) throw new UsageError('name at least one operation (hash, hash prefix or name), or give --app and --version');
    await withAdmin(deps, async ({ clients }, { gateway, securityLog }) => {
      const stamp = clients.authorizeAdmin();
      const hashes = await gateway.operations[how](securityLog, stamp, clientId, selector);
      if (o.json) return printJson({ clientId, [how === 'retire' ? 'retired' : 'unregistered']: hashes });
      say(hashes.length ? `${how === 'retire' ? 'retired' : 'unregistered'}: ${hashes.map(short).join(', ')}` : 'nothing matched');
    });
  };
  operations
    .command('unregister')
    .description('remove operations from the client (no longer certified; the security log keeps the record)')
    .argument('<clientId>', 'client id', positiveId)
    .argument('[operations...]', 'hashes (or 8+ character prefixes) or operation names')
    .option('--app <name>', "every operation of this app's --version")
    .option('--version <version>', 'the app version')
    .option('--json', 'print JSON')
    .action(remove('unregister'));
  operations
    .command('retire')
    .description('keep operations on record but no longer certified (an app version no longer in use)')
    .argument('<clientId>', 'client id', positiveId)
    .argument('[operations...]', 'hashes (or 8+ character prefixes) or operation names')
    .option('--app <name>', "every operation of this app's --version")
    .option('--version <version>', 'the app version')
    .option('--json', 'print JSON')
    .action(remove('retire'));

  operations
    .command('list')
    .description("a client's certified operations with their version, requests and last use from the integration log")
    .argument('<clientId>', 'client id', positiveId)
    .option('--retired', 'include retired operations')
    .option('--json', 'print JSON')
    .action(async (clientId: number, o: { retired?: boolean; json?: boolean }) =>
      withAdmin(deps, async ({ clients }, { gateway }) => {
        await clients.get(clientId);
        const rows = await gateway.operations.list({ clientId, includeRetired: !!o.retired });
        const usage = await gateway.operations.usage(
          clientId,
          rows.map((r) => r.hash),
        );
        const listed = rows.map(({ document: _document, ...r }) => ({
          ...r,
          requests: usage.get(r.hash)?.requests ?? 0,
          lastUsedAt: usage.get(r.hash)?.lastUsedAt ?? null,
        }));
        if (o.json) return printJson(listed);
        if (listed.length === 0) say('no certified operations');
        for (const r of listed) {
          const version = r.appName ? `${r.appName}@${r.appVersion}` : '-';
          say(
            `${(r.name || '(anonymous)').padEnd(28)} ${version.padEnd(18)} cost ${String(r.cost).padStart(6)}  ${String(r.requests).padStart(6)} requests  last used ${r.lastUsedAt ?? 'never'}  ${short(r.hash)}${r.retiredAt ? `  retired ${r.retiredAt}` : ''}`,
          );
        }
      }),
    );

  operations
    .command('seen')
    .description('the unregistered operations a client in log mode sent (what promote would certify)')
    .argument('<clientId>', 'client id', positiveId)
    .option('--since <duration>', 'only those seen in the last 7d / 24h ...', duration)
    .option('--json', 'print JSON')
    .action(async (clientId: number, o: { since?: number; json?: boolean }) =>
      withAdmin(deps, async ({ clients }, { gateway }) => {
        await clients.get(clientId);
        const since = o.since === undefined ? undefined : toSqlDateTime(new Date(Date.now() - o.since));
        const seen = await gateway.operations.listSeen({ clientId, since });
        if (o.json) return printJson(seen);
        if (seen.length === 0) say('nothing seen');
        for (const s of seen) say(`${(s.name || '(anonymous)').padEnd(28)} first seen ${s.firstSeenAt}  ${short(s.hash)}`);
      }),
    );

  operations
    .command('promote')
    .description('certify, in one step, the operations a client in log mode sent during its beta period')
    .argument('<clientId>', 'client id', positiveId)
    .option('--since <duration>', 'the beta period: operations seen in the last 7d / 24h ...', duration, 7 * 86_400_000)
    .option('--app <name>', 'label them as this app deployment (with --version)')
    .option('--version <version>', "the app's version")
    .option('--json', 'print JSON')
    .action(async (clientId: number, o: LabelOptions & { since: number }) => {
      const label = labelOf(o);
      const config = deps.loadConfig();
      await withAdmin(deps, async ({ clients }, { gateway, securityLog }) => {
        const stamp = clients.authorizeAdmin();
        await clients.get(clientId);
        const { promoteOperations } = await import('../governor/certification/promoteOperations.js');
        const since = toSqlDateTime(new Date(Date.now() - o.since));
        const promoted = await promoteOperations(
          { ...(await certificationDeps(config)), store: gateway.operations, log: securityLog },
          stamp,
          clientId,
          since,
          label,
        );
        if (o.json) return printJson({ clientId, ...promoted });
        if (promoted.certified.length === 0 && promoted.skipped.length === 0) say('nothing to promote');
        for (const r of promoted.certified) say(`${r.outcome.padEnd(10)} ${r.name || '(anonymous)'}  worst cost ${r.cost}  sha256 ${r.hash}`);
        for (const s of promoted.skipped) say(`skipped    ${s.operation}: ${s.message}`);
      });
    });
  return operations;
}
