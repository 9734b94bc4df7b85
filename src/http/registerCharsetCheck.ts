import type { FastifyInstance } from 'fastify';
import { ErrorCode } from '../lib/ErrorCode.js';
import { routeErrorBody, sendErrorBody } from './renderError.js';

/** The charset parameter of a Content-Type header (lower case, unquoted), or undefined. */
function charsetOf(contentType: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*("?)([^";\s]*)\1/i.exec(contentType ?? '');
  return m ? m[2]!.toLowerCase() : undefined;
}

/**
 * Every body chartgate reads is UTF-8 (JSON and OAuth forms): a request that declares another
 * charset answers 415 before its body is read, instead of being decoded as UTF-8 anyway.
 */
export function registerCharsetCheck(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    const charset = charsetOf(request.headers['content-type']);
    if (charset === undefined || charset === 'utf-8' || charset === 'utf8') return done();
    void sendErrorBody(
      reply,
      415,
      routeErrorBody(ErrorCode.BAD_USER_INPUT, 'Unsupported charset: send UTF-8', { reason: 'UNSUPPORTED_MEDIA_TYPE', charset: charset.slice(0, 40) }),
    );
  });
}
