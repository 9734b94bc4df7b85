import { Command } from 'commander';
import type { CliDeps } from './CliDeps.js';
import { portNumber } from './parsers.js';

export interface ServeOptions {
  port?: number;
  host?: string;
}

/** `chartgate serve [--port N] [--host H]`: the default command (`npm start`). The server loads only here. */
export function serveCommand(deps: CliDeps): Command {
  return new Command('serve')
    .description('serve GraphQL on HOST:PORT (embedded SQLite: migrate and seed a demo practice first)')
    .option('-p, --port <port>', 'override PORT (0 picks a free port)', portNumber)
    .option('-H, --host <host>', 'override HOST')
    .action(async (o: ServeOptions) => {
      const { serve } = await import('./serve.js');
      await serve(deps, o);
    });
}
