import { Command } from 'commander';
import { runMigrate } from '../db/runMigrate.js';
import type { AdminCliDeps } from './withClientsService.js';

/** `chartgate migrate [--json]`: creates the missing tables; a second run applies nothing. */
export function migrateCommand(deps: AdminCliDeps): Command {
  return new Command('migrate')
    .description('apply pending migrations (practice tables are created only where missing; gw_ tables are ours)')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const db = await deps.openDb(deps.loadConfig());
      try {
        const { applied } = await runMigrate(db);
        if (o.json) process.stdout.write(`${JSON.stringify({ dialect: db.dialect, applied })}\n`);
        else process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'nothing to apply: the schema is current\n');
      } finally {
        await db.destroy();
      }
    });
}
