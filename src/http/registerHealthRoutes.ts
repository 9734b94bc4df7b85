import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/Db.js';
import { isDomainError } from '../lib/DomainError.js';
import { ErrorCode } from '../lib/ErrorCode.js';

/** What /readyz says of shared state: unused (no REDIS_URL), up, or down (and whether the instance still serves). */
export interface SharedStateHealth {
  status(): { redis: 'unused' | 'up' | 'down'; servesWithoutIt: boolean };
}

/**
 * GET /healthz: the process is up (never touches the database). GET /readyz: the database answers,
 * and what Redis is doing: down with GOVERNOR_REDIS_FAILURE=open still serves (200, per-instance
 * budgets), down with `closed` is not ready (503).
 */
export function registerHealthRoutes(app: FastifyInstance, db: Pick<Db, 'ping' | 'dialect'>, shared?: SharedStateHealth): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (request, reply) => {
    const redis = shared?.status() ?? { redis: 'unused' as const, servesWithoutIt: true };
    try {
      await db.ping();
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed');
      const code = isDomainError(error) ? error.code : ErrorCode.DATABASE_UNAVAILABLE;
      return reply.code(503).send({ status: 'unavailable', database: db.dialect, redis: redis.redis, code });
    }
    if (redis.redis === 'down' && !redis.servesWithoutIt) {
      return reply.code(503).send({ status: 'unavailable', database: db.dialect, redis: 'down', code: ErrorCode.OVERLOADED });
    }
    return { status: 'ready', database: db.dialect, redis: redis.redis };
  });
}
