import Fastify from 'fastify';
import { CompiledQuery } from 'kysely';
import type { Db } from '../../src/db/createDb.js';
import type { CapturedStatement } from './captureStatements.js';
import type { BenchServer } from './startBenchServer.js';

/**
 * The floor: a plain Fastify handler per captured request that runs exactly the statements the
 * resolvers emitted (same text, same reporting pool), stage by stage with each stage's
 * statements in parallel, and answers the rows as JSON. No GraphQL, no auth, no governor.
 */
export async function startPlainServer(db: Db, routes: Record<string, CapturedStatement[][]>): Promise<BenchServer & { urlOf(name: string): string }> {
  const app = Fastify({ logger: false });
  for (const [name, stages] of Object.entries(routes)) {
    const compiled = stages.map((stage) => stage.map((s) => CompiledQuery.raw(s.sql)));
    app.post(`/plain/${name}`, async () => {
      const data: unknown[] = [];
      for (const stage of compiled) {
        const results = await Promise.all(stage.map((q) => db.reporting.executeQuery(q)));
        for (const r of results) data.push(r.rows);
      }
      return { data };
    });
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const base = `http://127.0.0.1:${port}`;
  return {
    url: `${base}/plain`,
    urlOf: (name) => `${base}/plain/${name}`,
    metricsUrl: null,
    close: () => app.close(),
  };
}
