import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** The unguessable kill marker of this request: its statements carry it, a hang-up kills by it (never the caller's X-Request-Id). */
    killMarker: string;
  }
}

/** Gives every request its own server-generated kill marker. */
export function registerKillMarker(app: FastifyInstance): void {
  app.decorateRequest('killMarker', '');
  app.addHook('onRequest', (request, _reply, done) => {
    request.killMarker = randomBytes(9).toString('base64url');
    done();
  });
}
