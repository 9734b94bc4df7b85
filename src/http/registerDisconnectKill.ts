import type { FastifyInstance } from 'fastify';

/**
 * When a client hangs up before its response is written, end that request's statements on the
 * database (KILL QUERY by its server-generated marker) so no statement outlives its request.
 */
export function registerDisconnectKill(app: FastifyInstance, kill: (marker: string) => Promise<unknown>, onError: (err: unknown) => void): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.url !== '/graphql' && !request.url.startsWith('/graphql?')) return;
    reply.raw.once('close', () => {
      // ended, not flushed: once the response is complete no statement of it runs (and inject never flushes)
      if (!reply.raw.writableEnded) kill(request.killMarker).catch(onError);
    });
  });
}
