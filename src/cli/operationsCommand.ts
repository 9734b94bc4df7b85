import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Command } from 'commander';
import { parse } from 'graphql';
import { createSqlRunner } from '../db/SqlRunner.js';
import { createOperationAnalyzer } from '../governor/createOperationAnalyzer.js';
import { buildSchema } from '../schema/buildSchema.js';
import { createOperationsService } from '../services/operations/operations.service.js';
import { printJson, say, type AdminCliDeps } from './withClientsService.js';

/** `chartgate operations register CLIENT_ID FILE.graphql | list CLIENT_ID [--json]`: certified operations. */
export function operationsCommand(deps: AdminCliDeps): Command {
  const withService = async <T>(fn: (service: ReturnType<typeof createOperationsService>) => Promise<T>) => {
    const config = deps.loadConfig();
    const db = await deps.openDb(config);
    try {
      const analyze = createOperationAnalyzer(buildSchema());
      const { governor } = config;
      const service = createOperationsService({
        db: db.admin,
        runner: createSqlRunner(db, { clientId: 0, requestId: `cli-${randomUUID()}` }),
        clock: () => new Date(),
        // cost with the global limits, but never refused here: a certified operation records what it costs
        costOf: (text) => analyze({ document: parse(text), variables: {}, limits: { ...governor, maxCost: Number.MAX_SAFE_INTEGER } }).cost,
      });
      return await fn(service);
    } finally {
      await db.destroy();
    }
  };
  const operations = new Command('operations').description('operations certified for trustedOnly clients (stored by sha256 with their cost)');
  operations
    .command('register')
    .description('register every operation in a .graphql file for a client')
    .argument('<clientId>', 'client id', (v) => Number.parseInt(v, 10))
    .argument('<file>', '.graphql file with one or more operations')
    .option('--json', 'print JSON')
    .action(async (clientId: number, file: string, o: { json?: boolean }) =>
      withService(async (service) => {
        const registered = await service.register(clientId, readFileSync(file, 'utf8'));
        if (o.json) return printJson(registered);
        for (const r of registered) say(`${r.inserted ? 'registered' : 'already registered'} ${r.name || '(anonymous)'} cost ${r.cost} sha256 ${r.hash}`);
      }));
  operations
    .command('list')
    .description("list a client's certified operations")
    .argument('<clientId>', 'client id', (v) => Number.parseInt(v, 10))
    .option('--json', 'print JSON')
    .action(async (clientId: number, o: { json?: boolean }) =>
      withService(async (service) => {
        const rows = await service.list(clientId);
        if (o.json) return printJson(rows);
        for (const r of rows) say(`${r.name || '(anonymous)'}  cost ${r.cost}  sha256 ${r.hash}  ${r.created_at}`);
      }));
  return operations;
}
