import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { loadConfig } from '../config/loadConfig.js';
import { packageRoot } from '../lib/packageRoot.js';
import { openDb } from '../db/openDb.js';
import { adminsCommand } from './adminsCommand.js';
import { apiCommand } from './apiCommand.js';
import { auditCommand } from './auditCommand.js';
import type { CliDeps } from './CliDeps.js';
import { clientsCommand } from './clientsCommand.js';
import { dbCommand } from './dbCommand.js';
import { classify, ExitCode } from './exitCodes.js';
import { keysCommand } from './keysCommand.js';
import { logsCommand } from './logsCommand.js';
import { migrateCommand } from './migrateCommand.js';
import { operationsCommand } from './operationsCommand.js';
import { schemaCommand } from './schemaCommand.js';
import { seedCommand } from './seedCommand.js';
import { serveCommand } from './serveCommand.js';
import { webhooksCommand } from './webhooksCommand.js';

/** The `chartgate` command line. Commands whose output is data accept --json; so do their errors. */
function createProgram(deps: CliDeps): Command {
  const { version } = JSON.parse(readFileSync(`${packageRoot()}/package.json`, 'utf8')) as { version: string };
  const program = new Command('chartgate')
    .description('A governed GraphQL read/write layer in front of a practice-management database')
    .version(version)
    .showHelpAfterError()
    .enablePositionalOptions()
    .exitOverride();
  const serve = serveCommand(deps);
  program.addCommand(serve, { isDefault: true });
  for (const command of [
    migrateCommand,
    seedCommand,
    clientsCommand,
    keysCommand,
    apiCommand,
    logsCommand,
    operationsCommand,
    schemaCommand,
    webhooksCommand,
    auditCommand,
    adminsCommand,
    dbCommand,
  ]) {
    program.addCommand(command(deps));
  }
  // every subcommand reports usage errors through the same path (exit code 2, JSON with --json)
  const override = (c: Command) => {
    c.exitOverride();
    c.commands.forEach(override);
  };
  override(program);
  return program;
}

/** Runs the command line and resolves with the process exit code; errors go to stderr (JSON with --json). */
export async function runCli(argv: readonly string[], deps: CliDeps = { loadConfig: () => loadConfig(), openDb }): Promise<number> {
  const json = argv.includes('--json');
  try {
    await createProgram(deps).parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit through here too, with code 0; commander already printed its message
      if (error.exitCode === 0) return ExitCode.OK;
      if (json) process.stderr.write(`${JSON.stringify({ error: { code: 'USAGE', message: error.message.replace(/^error: /, '') } })}\n`);
      return ExitCode.USAGE;
    }
    const { exitCode, code } = classify(error);
    const message = error instanceof Error ? error.message : String(error);
    const field = (error as { field?: string }).field;
    if (json) process.stderr.write(`${JSON.stringify({ error: { code, message, ...(field ? { field } : {}) } })}\n`);
    else process.stderr.write(`chartgate: ${message}${field ? ` (${field})` : ''}\n`);
    return exitCode;
  }
}
