import { Agent, request, type Dispatcher } from 'undici';
import type { UrlGuard } from './createUrlGuard.js';

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** What one POST came back with; `status` null when no answer arrived (refused, reset, timed out). */
export interface WebhookAnswer {
  status: number | null;
  retryAfter: string | null;
  /** why it failed: the transport error, or the start of the receiver's body */
  error: string | null;
}

/** POSTs signed deliveries; swappable so tests and benchmarks may count what is sent. */
export interface WebhookSender {
  send(req: WebhookRequest): Promise<WebhookAnswer>;
  close(): Promise<void>;
}

export interface WebhookSenderOptions {
  /** WEBHOOKS_TIMEOUT_MS: connect, headers and body each, and the whole attempt */
  timeoutMs: number;
  /** keep-alive connections per receiver origin (several endpoints may share one; the dispatcher caps each) */
  connectionsPerOrigin: number;
  guard: UrlGuard;
}

/** How much of a failing receiver's body is kept as the delivery's last error. */
const SNIPPET = 300;

async function readSnippet(body: Dispatcher.ResponseData['body']): Promise<string> {
  let text = '';
  for await (const chunk of body) {
    text += (chunk as Buffer).toString('utf8');
    if (text.length >= SNIPPET) break;
  }
  body.destroy();
  return text.slice(0, SNIPPET).replace(/\s+/g, ' ').trim();
}

/**
 * undici over keep-alive connections, with a timeout on every phase and the SSRF rule checked
 * again when each connection resolves its host. Redirects are never followed (a 3xx is a failure).
 */
export function createWebhookSender(opts: WebhookSenderOptions): WebhookSender {
  const agent = new Agent({
    connections: opts.connectionsPerOrigin,
    connect: { timeout: opts.timeoutMs, lookup: opts.guard.lookup },
    headersTimeout: opts.timeoutMs,
    bodyTimeout: opts.timeoutMs,
    keepAliveTimeout: 30_000,
  });
  return {
    async send(req) {
      let host: string;
      try {
        host = new URL(req.url).hostname;
      } catch {
        return { status: null, retryAfter: null, error: 'the endpoint URL is not valid' };
      }
      if (opts.guard.refusesLiteral(host)) return { status: null, retryAfter: null, error: 'the endpoint points at a private, loopback or reserved address' };
      try {
        const res = await request(req.url, {
          method: 'POST',
          dispatcher: agent,
          headers: { 'content-type': 'application/json', 'user-agent': 'chartgate-webhooks', ...req.headers },
          body: req.body,
          signal: AbortSignal.timeout(opts.timeoutMs * 2),
        });
        const retryAfter = res.headers['retry-after'];
        const ok = res.statusCode >= 200 && res.statusCode < 300;
        if (ok) await res.body.dump();
        const snippet = ok ? '' : await readSnippet(res.body);
        return {
          status: res.statusCode,
          retryAfter: typeof retryAfter === 'string' ? retryAfter : null,
          error: ok ? null : `HTTP ${res.statusCode}${snippet ? `: ${snippet}` : ''}`,
        };
      } catch (err) {
        const e = err as Error & { code?: string };
        const timedOut =
          e.name === 'TimeoutError' || e.code === 'UND_ERR_HEADERS_TIMEOUT' || e.code === 'UND_ERR_BODY_TIMEOUT' || e.code === 'UND_ERR_CONNECT_TIMEOUT';
        return {
          status: null,
          retryAfter: null,
          error: timedOut ? `no answer within ${opts.timeoutMs} ms` : `${e.code ?? e.name}: ${e.message}`.slice(0, 500),
        };
      }
    },
    close: () => agent.close(),
  };
}
