/**
 * The runner proper (run.ts is the entry): seeds or reuses the bench dataset on MariaDB, starts
 * chartgate in this process, drives load from separate driver processes, and writes a table,
 * JSON and HTML report. See benchmarks/README.md.
 */
import path from 'node:path';
import { Command, Option } from 'commander';
import { createDriver, type Driver } from './driver/createDriver.js';
import type { BenchContext } from './lib/BenchContext.js';
import { createAdminConnection, type AdminConnection } from './lib/createAdminConnection.js';
import { createBenchClients } from './lib/createBenchClients.js';
import { createProgress } from './lib/createProgress.js';
import { describeEnvironment } from './lib/describeEnvironment.js';
import { ensureDataset } from './lib/ensureDataset.js';
import { readDatasetFacts } from './lib/readDatasetFacts.js';
import { runScenario } from './lib/runScenario.js';
import { modeDefaults, type RunOptions } from './lib/RunOptions.js';
import { baseEnv, startBenchServer, type BenchServer } from './lib/startBenchServer.js';
import type { ScenarioResult } from './lib/types.js';
import { summarize, type BenchReport } from './report/BenchReport.js';
import { renderTable } from './report/renderTable.js';
import { writeReports } from './report/writeReports.js';
import { SCENARIOS } from './scenarios/index.js';
import { startChildServer } from './lib/startChildServer.js';
import { loadConfig } from '../src/config/loadConfig.js';
import { openDb } from '../src/main.js';

const DEFAULT_URL = 'mysql://root@127.0.0.1:3306/cg_bench';

function parseOptions(argv: readonly string[]): RunOptions {
  const names = SCENARIOS.map((s) => s.name);
  const program = new Command('bench')
    .description('chartgate load benchmarks (benchmarks/README.md)')
    .option('--scenario <names>', `comma-separated scenarios to run (${names.join(', ')}); default all`)
    .option('--duration <seconds>', 'seconds per measured load segment; default 5 (quick: 1.5)')
    .addOption(new Option('--scale <scale>', 'dataset scale').choices(['demo', 'small', 'medium', 'large']).default('small'))
    .option('--seed <n>', 'dataset seed', '1')
    .option('--quick', 'about a minute in all: short segments, two rounds', false)
    .option('--reseed', 'reseed the dataset even when the marker matches', false)
    .option('--out <dir>', 'where the JSON and HTML reports go', 'benchmarks/results/')
    .option('--mysql-url <url>', 'bench database (default $BENCH_MYSQL_URL or mysql://root@127.0.0.1:3306/cg_bench)')
    .allowExcessArguments(false);
  program.parse([...argv]);
  const o = program.opts<{
    scenario?: string;
    duration?: string;
    scale: RunOptions['scale'];
    seed: string;
    quick: boolean;
    reseed: boolean;
    out: string;
    mysqlUrl?: string;
  }>();
  const scenarios = (o.scenario ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = scenarios.filter((s) => !names.includes(s));
  if (unknown.length) throw new Error(`unknown scenario ${unknown.join(', ')}; known: ${names.join(', ')}`);
  // `npm run bench --quick` (without `--`) reaches us as npm_config_quick, not as an argument
  const quick = o.quick || process.env.npm_config_quick === 'true';
  const mode = modeDefaults(quick);
  const duration = o.duration === undefined ? undefined : Number(o.duration);
  if (duration !== undefined && !(duration > 0 && duration <= 600)) throw new Error('--duration must be seconds between 0 and 600');
  return {
    ...mode,
    ...(duration ? { segmentS: duration, phaseS: Math.max(mode.phaseS, duration * 2), writeS: Math.max(mode.writeS, duration * 2) } : {}),
    scenarios,
    scale: o.scale,
    seed: Number(o.seed),
    quick,
    reseed: o.reseed,
    outDir: path.resolve(o.out),
    // the benchmark's own setting, read here like main.ts reads the server's (via loadConfig)
    mysqlUrl: o.mysqlUrl ?? process.env.BENCH_MYSQL_URL ?? DEFAULT_URL,
  };
}

export async function runBench(): Promise<number> {
  const options = parseOptions(process.argv);
  const startedAt = new Date().toISOString();
  const selected = SCENARIOS.filter((s) => options.scenarios.length === 0 || options.scenarios.includes(s.name));
  const progress = createProgress(process.stderr, selected.length);
  const results: ScenarioResult[] = [];
  const drivers: Driver[] = [];
  const servers = new Set<BenchServer>();
  let admin: AdminConnection | undefined;
  let closeDb: (() => Promise<void>) | undefined;
  let datasetInfo: Record<string, unknown> = { scale: options.scale, seed: options.seed };
  let dbVersion: string | null = null;
  try {
    progress.step('connecting to MariaDB');
    const serverConfig = loadConfig(baseEnv(options.mysqlUrl));
    const { db, info } = await ensureDataset({
      url: options.mysqlUrl,
      scale: options.scale,
      seed: options.seed,
      reseed: options.reseed,
      progress,
      openDb: () => openDb(serverConfig),
    });
    closeDb = () => db.destroy();
    datasetInfo = { ...info };
    progress.log(
      `dataset ${info.database}: scale ${info.scale}, seed ${info.seed}, ${info.reused ? 'reused' : `seeded in ${(info.seedMs / 1000).toFixed(1)} s`} (${Object.entries(
        info.counts,
      )
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')})`,
    );
    admin = await createAdminConnection(options.mysqlUrl);
    const [version] = await admin.query('SELECT VERSION() AS v');
    dbVersion = String((version as { v: string }[])[0].v);
    const facts = await readDatasetFacts(admin);
    progress.step('creating bench clients and starting load drivers');
    const clients = await createBenchClients(db, startedAt.replace(/\D/g, '').slice(0, 14));
    drivers.push(await createDriver(), await createDriver());
    const ctx: BenchContext = {
      options,
      progress,
      db,
      admin,
      drivers: [drivers[0], drivers[1]],
      facts,
      clients,
      async startServer(variant) {
        const server = variant?.ownProcess ? await startChildServer(options.mysqlUrl, variant) : await startBenchServer(db, options.mysqlUrl, variant);
        servers.add(server);
        return {
          url: server.url,
          close: async () => {
            servers.delete(server);
            await server.close();
          },
        };
      },
    };
    // the identity cache polls every AUTH_POLL_MS; give it a moment to see the new clients
    await new Promise((r) => setTimeout(r, 700));
    for (const scenario of selected) {
      progress.step(`${scenario.name}: starting`);
      const result = await runScenario(scenario, ctx, options.quick ? 180_000 : 360_000);
      results.push(result);
      progress.log(
        `${result.error ? 'FAILED' : 'done'} ${scenario.name} in ${(result.durationMs / 1000).toFixed(1)} s${result.error ? `: ${result.error.split('\n')[0]}` : ''}`,
      );
    }
  } catch (error) {
    // setup failed: every selected scenario that did not run is recorded with the error
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    progress.log(`FAILED setup: ${message.split('\n')[0]}`);
    for (const s of selected) {
      if (!results.some((r) => r.name === s.name))
        results.push({ name: s.name, title: s.title, figures: [], charts: [], error: `setup failed: ${message}`, durationMs: 0 });
    }
  } finally {
    for (const server of servers) await server.close().catch(() => undefined);
    for (const d of drivers) await d.close().catch(() => undefined);
    await admin?.end().catch(() => undefined);
    await closeDb?.().catch(() => undefined);
    progress.done();
  }

  const report: BenchReport = {
    startedAt,
    finishedAt: new Date().toISOString(),
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    mode: options.quick ? 'quick' : 'full',
    options: { ...options, mysqlUrl: redact(options.mysqlUrl) },
    dataset: datasetInfo,
    environment: describeEnvironment(dbVersion, Boolean(process.env.CI)),
    scenarios: results,
    summary: summarize(results),
  };
  process.stdout.write(`\n${renderTable(results)}\n`);
  const files = await writeReports(report, options.outDir);
  const s = report.summary;
  process.stdout.write(
    `targets: ${s.met} met, ${s.notMet} not met, ${s.unmeasured} unmeasured${s.failedScenarios.length ? `; failed: ${s.failedScenarios.join(', ')}` : ''}\n`,
  );
  process.stdout.write(`report: ${path.relative(process.cwd(), files.json)}\n        ${path.relative(process.cwd(), files.html)}\n`);
  // figures never fail the command (CI does not gate on them); only a run that measured nothing does
  return results.every((r) => r.error && r.figures.length === 0) ? 1 : 0;
}

const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
