import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/Db.js';
import { isDomainError } from '../lib/DomainError.js';
import { ErrorCode } from '../lib/ErrorCode.js';

/** GET /healthz: the process is up (never touches the database). GET /readyz: the database answers. */
export function registerHealthRoutes(app: FastifyInstance, db: Pick<Db, 'ping' | 'dialect'>): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (request, reply) => {
    try {
      await db.ping();
      return { status: 'ready', database: db.dialect };
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed');
      const code = isDomainError(error) ? error.code : ErrorCode.DATABASE_UNAVAILABLE;
      return reply.code(503).send({ status: 'unavailable', database: db.dialect, code });
    }
  });
}
