import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ConsoleAsset } from './loadConsoleAssets.js';

/**
 * The console's pages may load only chartgate's own files: no CDN, no external font, no frame.
 * Monaco (GraphiQL's editor) runs its language services in blob: workers and inlines styles.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** Sends a built file with caching, security headers and gzip when the browser takes it. */
export async function sendAsset(request: FastifyRequest, reply: FastifyReply, asset: ConsoleAsset): Promise<FastifyReply> {
  const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? '')) && asset.body.length > 1024 && !asset.type.startsWith('image/png');
  void reply
    .header('content-type', asset.type)
    .header('cache-control', asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
    .header('content-security-policy', CONTENT_SECURITY_POLICY)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('x-frame-options', 'DENY')
    .header('vary', 'accept-encoding');
  if (gzip) void reply.header('content-encoding', 'gzip');
  return reply.send(gzip ? await asset.gzipped() : asset.body);
}
