/**
 * A chartgate instance in its own process (the second instance of the kill-switch scenario, so
 * its load never shares the event loop of the instance the admin calls). It starts when the
 * parent sends the variant, replies with its URL, and closes and exits when the parent
 * disconnects, so it never outlives the run.
 */
import type { ServerVariant } from './startBenchServer.js';

process.env.NODE_ENV ??= 'production';
// imported after NODE_ENV is set: graphql-js picks its production paths when first loaded
const { startBenchServer } = await import('./startBenchServer.js');

process.once('message', (m: { mysqlUrl: string; variant: ServerVariant }) => {
  startBenchServer(null, m.mysqlUrl, { ...m.variant, ownDb: true }).then(
    (server) => {
      process.once('disconnect', () => void server.close().finally(() => process.exit(0)));
      process.send?.({ ok: true, url: server.url });
    },
    (error: unknown) => {
      process.send?.({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      process.exit(1);
    },
  );
});
process.send?.({ ready: true });
