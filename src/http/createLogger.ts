import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';

/**
 * The process's JSON logger (Fastify's request log too). A request is logged by method and path
 * only: query strings can hold patient names (`GET /graphql?query=...`), so they never reach a log.
 */
export function createLogger(level: string): FastifyBaseLogger {
  return pino({
    level,
    serializers: {
      req: (req: { method?: string; url?: string; id?: string }) => ({ id: req.id, method: req.method, path: (req.url ?? '').split('?')[0] }),
    },
  });
}
