import { existsSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { toSqlDateTime } from '../lib/dates.js';
import { printJson, say, type CliDeps } from './CliDeps.js';
import { ExitCode, UsageError } from './exitCodes.js';
import { duration } from './parsers.js';
import { withAdmin } from './withAdmin.js';

const DAY_MS = 86_400_000;

/** A directory of .graphql files, or a usage error naming what is wrong. */
function schemaDir(value: string): string {
  const dir = resolve(value);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`--schema ${value} is not a directory`);
  if (!readdirSync(dir).some((f) => f.endsWith('.graphql'))) throw new UsageError(`--schema ${value} holds no .graphql file`);
  return dir;
}

/** `chartgate schema check --schema DIR [--since 30d]` and `chartgate schema usage`: what a schema change breaks, and who uses what. */
export function schemaCommand(deps: CliDeps): Command {
  const schema = new Command('schema').description('what a schema change breaks for each client, and which clients use each field');

  schema
    .command('check')
    .description("replay every client's certified operations, and those its log mode kept, against the SDL in DIR; exit 5 when a certified one breaks")
    .requiredOption('--schema <dir>', "the next release's schema directory (its *.graphql files, like schema/)")
    .option('--current <dir>', "the schema the operations were certified against (default: this chartgate's own schema/)")
    .option('--since <duration>', 'log-mode operations seen in this window (30d, 7d, 24h...)', duration, 30 * DAY_MS)
    .option('--json', 'print JSON')
    .action(async (o: { schema: string; current?: string; since: number; json?: boolean }) => {
      const dir = schemaDir(o.schema);
      const currentDir = o.current === undefined ? undefined : schemaDir(o.current);
      const [{ buildSchema }, { checkSchemaChange }] = await Promise.all([
        import('../schema/buildSchema.js'),
        import('../governor/certification/checkSchemaChange.js'),
      ]);
      const build = (at: string | undefined, flag: string) => {
        try {
          return buildSchema({}, at);
        } catch (error) {
          throw new UsageError(`the schema in ${flag} does not build: ${(error as Error).message}`);
        }
      };
      const next = build(dir, o.schema);
      const current = build(currentDir, o.current ?? 'schema/');
      const report = await withAdmin(deps, async ({ clients }, { gateway }) => {
        const names = new Map((await clients.list()).map((c) => [c.id, c.name]));
        const [certified, seen] = await Promise.all([
          gateway.operations.list(),
          gateway.operations.listSeen({ since: toSqlDateTime(new Date(Date.now() - o.since)) }),
        ]);
        return checkSchemaChange({ current, next, certified, seen, clientName: (id) => names.get(id) ?? `client ${id}` });
      });
      if (o.json) printJson(report);
      else {
        say(`checked ${report.checked} operation(s) against ${o.schema}`);
        if (report.clients.length === 0) say('nothing breaks');
        for (const c of report.clients) {
          say(`client ${c.clientId} "${c.clientName}": ${c.broken.length} of ${c.checked} operation(s) break`);
          for (const b of c.broken) {
            say(`  ${b.name || '(anonymous)'} (${b.source}, sha256 ${b.hash.slice(0, 12)})`);
            for (const why of b.breaks) say(`    ${why.kind}: ${why.message}`);
          }
        }
      }
      if (report.certifiedBreak) process.exitCode = ExitCode.VERIFICATION_FAILED;
    });

  schema
    .command('usage')
    .description('which clients use each field, from their certified operations and the ones their log mode kept')
    .option('--since <duration>', 'log-mode operations seen in this window', duration, 30 * DAY_MS)
    .option('--field <coordinate>', 'only this field, e.g. Patient.email (or a type: Patient)')
    .option('--json', 'print JSON')
    .action(async (o: { since: number; field?: string; json?: boolean }) => {
      const [{ buildSchema }, { schemaUsage }] = await Promise.all([import('../schema/buildSchema.js'), import('../governor/certification/schemaUsage.js')]);
      const usage = await withAdmin(deps, async ({ clients }, { gateway }) => {
        const names = new Map((await clients.list()).map((c) => [c.id, c.name]));
        const [certified, seen] = await Promise.all([
          gateway.operations.list(),
          gateway.operations.listSeen({ since: toSqlDateTime(new Date(Date.now() - o.since)) }),
        ]);
        return schemaUsage(buildSchema(), [...certified, ...seen], (id) => names.get(id) ?? `client ${id}`);
      });
      const wanted = o.field;
      const shown = wanted ? usage.filter((u) => u.coordinate === wanted || u.coordinate.startsWith(`${wanted}.`)) : usage;
      if (o.json) return printJson(shown);
      if (shown.length === 0) say(wanted ? `no client uses ${wanted}` : 'no operations on record');
      for (const u of shown)
        say(`${u.coordinate.padEnd(40)} ${u.clients.map((c) => `${c.clientId} "${c.clientName}" (${c.operations.join(', ')})`).join('; ')}`);
    });
  return schema;
}
