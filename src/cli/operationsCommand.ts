import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { createGateway } from '../gateway/createGateway.js';
import { printJson, say, type CliDeps } from './CliDeps.js';
import { positiveId } from './parsers.js';

/** `chartgate operations register CLIENT_ID FILE.graphql | list CLIENT_ID [--json]`: certified operations. */
export function operationsCommand(deps: CliDeps): Command {
  const operations = new Command('operations').description('operations certified for trustedOnly clients (stored by sha256 with their cost)');
  operations
    .command('register')
    .description('register every operation in a .graphql file for a client')
    .argument('<clientId>', 'client id', positiveId)
    .argument('<file>', '.graphql file with one or more operations')
    .option('--json', 'print JSON')
    .action(async (clientId: number, file: string, o: { json?: boolean }) => {
      const source = readFileSync(file, 'utf8');
      const config = deps.loadConfig();
      const db = await deps.openDb(config, { create: false });
      try {
        // the analyzer and schema load only for this command: they are the CLI's heaviest modules
        const [{ createOperationAnalyzer }, { buildSchema }, { registerOperations }] = await Promise.all([
          import('../governor/createOperationAnalyzer.js'),
          import('../schema/buildSchema.js'),
          import('../governor/certification/registerOperations.js'),
        ]);
        const analyze = createOperationAnalyzer(buildSchema());
        const limits = { ...config.governor, maxCost: Number.MAX_SAFE_INTEGER };
        // cost with the global limits, but never refused here: a certified operation records what it costs
        const registered = await registerOperations(
          createGateway(db).operations,
          (document) => analyze({ document, variables: {}, limits }).cost,
          clientId,
          source,
        );
        if (o.json) return printJson(registered);
        for (const r of registered) say(`${r.inserted ? 'registered' : 'already registered'} ${r.name || '(anonymous)'} cost ${r.cost} sha256 ${r.hash}`);
      } finally {
        await db.destroy();
      }
    });
  operations
    .command('list')
    .description("list a client's certified operations")
    .argument('<clientId>', 'client id', positiveId)
    .option('--json', 'print JSON')
    .action(async (clientId: number, o: { json?: boolean }) => {
      const db = await deps.openDb(deps.loadConfig(), { create: false });
      try {
        const rows = await createGateway(db).operations.list(clientId);
        if (o.json) return printJson(rows);
        for (const r of rows) say(`${r.name || '(anonymous)'}  cost ${r.cost}  sha256 ${r.hash}  ${r.createdAt}`);
      } finally {
        await db.destroy();
      }
    });
  return operations;
}
