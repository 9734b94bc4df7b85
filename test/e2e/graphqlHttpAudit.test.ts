import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../harness/dialects.js';
import { startChartgate, type StartedChartgate } from './support/startChartgate.js';

/** GraphQL over HTTP conformance of the started server: no MUST-level audit may fail. */
describe.each(dialects.map((d) => [d.name, d] as const))('graphql-http server audits [%s]', (_name, dialect) => {
  let release: () => Promise<void>;
  let app: StartedChartgate;

  beforeAll(async () => {
    const fresh = await dialect.freshDb();
    release = fresh.release;
    // the audits only ask for { __typename }: an empty migrated database is enough
    app = await startChartgate(fresh.db, { seed: false });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await release?.();
  });

  const audits = serverAudits({ url: () => app.url });
  it.each(audits.filter((a) => a.name.startsWith('MUST')).map((a) => [a.name, a] as const))('%s', async (_name, audit) => {
    const result = await audit.fn();
    expect(result.status === 'ok' ? 'ok' : `${result.status}: ${result.reason}`).toBe('ok');
  });
});
