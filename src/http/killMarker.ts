import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** The unguessable kill marker of this request: its statements carry it, a hang-up kills by it (never the caller's X-Request-Id). */
    killMarker: string;
    /** Aborted when the caller hangs up before its answer is written: no further statement of the request starts. */
    hangUp: AbortSignal;
  }
}

/**
 * Gives every /graphql request its own server-generated kill marker and a hang-up signal; when the
 * caller goes away before the response is written, the signal fires and `kill` ends the request's
 * running statements on the database (KILL QUERY by marker), so no statement outlives its request.
 */
export function registerRequestLifecycle(app: FastifyInstance, kill: (marker: string) => Promise<unknown>, onError: (err: unknown) => void): void {
  app.decorateRequest('killMarker', '');
  app.decorateRequest('hangUp', undefined as unknown as AbortSignal);
  app.addHook('onRequest', (request, reply, done) => {
    request.killMarker = randomBytes(9).toString('base64url');
    const controller = new AbortController();
    request.hangUp = controller.signal;
    if (request.url === '/graphql' || request.url.startsWith('/graphql?')) {
      reply.raw.once('close', () => {
        // ended, not flushed: once the response is complete no statement of it runs (and inject never flushes)
        if (reply.raw.writableEnded) return;
        controller.abort();
        kill(request.killMarker).catch(onError);
      });
    }
    done();
  });
}
