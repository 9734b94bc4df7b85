import type { ApolloServerPlugin } from '@apollo/server';
import { describe, expect } from 'vitest';
import type { RequestContext } from '../../src/context.js';
import { harness, matrix, startServer } from '../harness/harness.js';
import { createDevAuthenticator } from '../support/createDevAuthenticator.js';

/** Holds every request named `Held` before its response until the test lets it go. */
function holdingPlugin() {
  let arrived: () => void = () => {};
  const started = new Promise<void>((r) => (arrived = r));
  let release: () => void = () => {};
  const released = new Promise<void>((r) => (release = r));
  const plugin: ApolloServerPlugin<RequestContext> = {
    async requestDidStart() {
      return {
        async willSendResponse({ operationName }) {
          if (operationName !== 'Held') return;
          arrived();
          await released;
        },
      };
    },
  };
  return { plugin, started, release };
}

const HELD = { query: 'query Held { __typename }' };

describe.each(matrix())('[%s] graceful stop of the HTTP server', (_name, dialect) => {
  const it = harness(dialect);

  it('while draining, new requests answer 503 SHUTTING_DOWN in the GraphQL error shape and the running one finishes; a second close is the same stop', async ({
    db,
  }) => {
    const hold = holdingPlugin();
    const app = await startServer(db, { overrides: { authenticate: createDevAuthenticator(), plugins: [hold.plugin] } });
    const running = app.post(HELD);
    await hold.started;
    const closing = app.server.close();
    const refused = await app.post({ query: '{ __typename }' });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('connection')).toBe('close');
    expect(await refused.json()).toEqual({
      errors: [{ message: expect.stringContaining('shutting down'), extensions: { code: 'SHUTTING_DOWN' } }],
    });
    expect((await fetch(`${app.base}/readyz`)).status).toBe(503);
    expect(app.server.close()).toBe(closing);
    hold.release();
    const answer = await running;
    expect([answer.status, (await answer.json()).data]).toEqual([200, { __typename: 'Query' }]);
    await closing;
  });

  it('a second close with graceMs 0 ends the grace period: the running request’s connection is cut and the stop completes', async ({ db }) => {
    const hold = holdingPlugin();
    const app = await startServer(db, { overrides: { authenticate: createDevAuthenticator(), plugins: [hold.plugin] } });
    const running = app.post(HELD).then(
      () => 'answered',
      () => 'cut',
    );
    await hold.started;
    const closing = app.server.close({ graceMs: 600_000 });
    await app.server.close({ graceMs: 0 });
    await closing;
    expect(await running).toBe('cut');
    hold.release();
  });
});
