import { Command, Option } from 'commander';
import { runMigrate } from '../db/runMigrate.js';
import { runSeed, type SeedScale } from '../db/runSeed.js';
import { printJson, say, type CliDeps } from './CliDeps.js';
import { isoDate, seedNumber } from './parsers.js';

/** `chartgate seed --scale demo|small|medium|large [--seed N] [--as-of YYYY-MM-DD] [--json]`: a deterministic practice into an empty database. */
export function seedCommand(deps: CliDeps): Command {
  return new Command('seed')
    .description('generate a believable practice into an empty database (migrates first)')
    .addOption(new Option('--scale <scale>', 'size of the practice').choices(['demo', 'small', 'medium', 'large']).default('demo'))
    .option('--seed <n>', 'PRNG seed: the same number (and --as-of) gives the same data on every dialect', seedNumber, 1)
    .option('--as-of <date>', "the practice's today, YYYY-MM-DD: history before it, bookings after (default: today, UTC)", isoDate)
    .option('--json', 'print JSON')
    .action(async (o: { scale: SeedScale; seed: number; asOf?: string; json?: boolean }) => {
      const asOf = o.asOf ?? new Date().toISOString().slice(0, 10);
      const db = await deps.openDb(deps.loadConfig());
      const started = performance.now();
      let last = 0;
      try {
        await runMigrate(db);
        const counts = await runSeed(db, {
          scale: o.scale,
          seed: o.seed,
          asOf,
          onProgress: (table, rows) => {
            // a progress line on stderr at most twice a second, so --json output stays clean
            if (performance.now() - last < 500) return;
            last = performance.now();
            process.stderr.write(`\rseeding ${o.scale}: ${table} ${rows.toLocaleString('en-US')} rows   `);
          },
        });
        const seconds = (performance.now() - started) / 1000;
        process.stderr.write('\n');
        if (o.json) printJson({ scale: o.scale, seed: o.seed, asOf, dialect: db.dialect, seconds, counts });
        else {
          say(`seeded a ${o.scale} practice (seed ${o.seed}, as of ${asOf}) on ${db.flavor} in ${seconds.toFixed(1)} s`);
          for (const [table, n] of Object.entries(counts)) say(`  ${table.padEnd(14)} ${n.toLocaleString('en-US')}`);
        }
      } finally {
        await db.destroy();
      }
    });
}
