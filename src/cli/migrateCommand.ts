import { Command } from 'commander';
import { runMigrate } from '../db/runMigrate.js';
import { printJson, say, type CliDeps } from './CliDeps.js';

/** `chartgate migrate [--json]`: creates the missing tables; a second run applies nothing. */
export function migrateCommand(deps: CliDeps): Command {
  return new Command('migrate')
    .description('apply pending migrations (practice tables are created only where missing; gw_ tables are ours)')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const db = await deps.openDb(deps.loadConfig());
      try {
        const { applied } = await runMigrate(db);
        if (o.json) printJson({ dialect: db.dialect, applied });
        else say(applied.length ? `applied: ${applied.join(', ')}` : 'nothing to apply: the schema is current');
      } finally {
        await db.destroy();
      }
    });
}
