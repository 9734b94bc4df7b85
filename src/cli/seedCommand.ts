import { Command, Option } from 'commander';
import { runMigrate } from '../db/runMigrate.js';
import { runSeed } from '../db/runSeed.js';
import type { SeedScale } from '../db/runSeed.js';
import type { AdminCliDeps } from './withClientsService.js';

/** `chartgate seed --scale demo|small|medium|large [--seed N] [--json]`: a deterministic practice into an empty database. */
export function seedCommand(deps: AdminCliDeps): Command {
  return new Command('seed')
    .description('generate a believable practice into an empty database (migrates first)')
    .addOption(new Option('--scale <scale>', 'size of the practice').choices(['demo', 'small', 'medium', 'large']).default('demo'))
    .option('--seed <n>', 'PRNG seed: the same number gives the same data on every dialect', (v) => Number.parseInt(v, 10), 1)
    .option('--json', 'print JSON')
    .action(async (o: { scale: SeedScale; seed: number; json?: boolean }) => {
      const db = await deps.openDb(deps.loadConfig());
      const started = performance.now();
      let last = 0;
      try {
        await runMigrate(db);
        const counts = await runSeed(db, {
          scale: o.scale,
          seed: o.seed,
          onProgress: (table, rows) => {
            // a progress line on stderr at most twice a second, so --json output stays clean
            if (performance.now() - last < 500) return;
            last = performance.now();
            process.stderr.write(`\rseeding ${o.scale}: ${table} ${rows.toLocaleString('en-US')} rows   `);
          },
        });
        const seconds = (performance.now() - started) / 1000;
        process.stderr.write('\n');
        if (o.json) process.stdout.write(`${JSON.stringify({ scale: o.scale, seed: o.seed, dialect: db.dialect, seconds, counts })}\n`);
        else {
          process.stdout.write(`seeded a ${o.scale} practice (seed ${o.seed}) on ${db.flavor} in ${seconds.toFixed(1)} s\n`);
          for (const [table, n] of Object.entries(counts)) process.stdout.write(`  ${table.padEnd(14)} ${n.toLocaleString('en-US')}\n`);
        }
      } finally {
        await db.destroy();
      }
    });
}
