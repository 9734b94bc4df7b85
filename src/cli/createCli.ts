import { Command } from 'commander';

export interface ServeOptions {
  port?: number;
  host?: string;
}

export interface CliDeps {
  version: string;
  /** starts the HTTP server (main.ts); resolves once it is listening */
  serve(options: ServeOptions): Promise<void>;
  /** further commands built by their rooms (migrate, seed, clients, audit ...) */
  commands: readonly Command[];
}

/** The `chartgate` command line. Commands whose output is data accept --json. */
export function createCli(deps: CliDeps): Command {
  const program = new Command('chartgate')
    .description('A governed GraphQL read/write layer in front of a practice-management database')
    .version(deps.version)
    .showHelpAfterError()
    .enablePositionalOptions();

  program
    .command('serve', { isDefault: true })
    .description('serve GraphQL on HOST:PORT (embedded SQLite: migrate and seed a demo practice first)')
    .option('-p, --port <port>', 'override PORT', (v) => Number.parseInt(v, 10))
    .option('-H, --host <host>', 'override HOST')
    .action(async (options: ServeOptions) => {
      await deps.serve(options);
    });

  for (const command of deps.commands) program.addCommand(command);
  return program;
}
