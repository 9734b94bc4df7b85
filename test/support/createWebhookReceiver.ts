import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { vi } from 'vitest';

/** One request the receiver got, with what Standard Webhooks verification made of it. */
export interface ReceivedRequest {
  path: string;
  id: string;
  timestamp: number;
  signature: string;
  raw: string;
  /** the verified payload (Webhook.verify's result), null when verification failed */
  body: any;
  verified: boolean;
  /** the status the receiver answered (null while it hangs) */
  answered: number | null;
}

/** How the receiver answers one request: a status (and headers), or no answer until released. */
export type Behaviour = { status: number; headers?: Record<string, string> } | { hang: true };

export interface WebhookReceiver {
  /** http://127.0.0.1:<port>/<path> */
  url(path: string): string;
  /** the secrets a path verifies with (any of them may match) */
  trust(path: string, ...secrets: string[]): void;
  /** the answer to each request on a path, by its 1-based number there; default 200 */
  behave(path: string, answer: (n: number, req: ReceivedRequest) => Behaviour): void;
  /** every request, in arrival order */
  readonly requests: ReceivedRequest[];
  /** verified requests that were answered 2xx */
  delivered(path?: string): ReceivedRequest[];
  /** resolves at the next request on `path` (or any path) */
  next(path?: string): Promise<ReceivedRequest>;
  /** answers every hanging request with `status` */
  release(status?: number): void;
  close(): Promise<void>;
}

/**
 * A real local HTTP receiver that verifies every request with standardwebhooks' Webhook.verify,
 * as an integrator's endpoint would. `now` is the time the receiver lives at (a test's fake
 * clock): verification's five-minute tolerance is judged against it, not the wall clock.
 */
export async function createWebhookReceiver(opts: { now?: () => Date } = {}): Promise<WebhookReceiver> {
  const secrets = new Map<string, string[]>();
  const behaviours = new Map<string, (n: number, req: ReceivedRequest) => Behaviour>();
  const counts = new Map<string, number>();
  const requests: ReceivedRequest[] = [];
  const waiting: { path?: string; resolve: (r: ReceivedRequest) => void }[] = [];
  const hanging: { res: ServerResponse; req: ReceivedRequest }[] = [];

  const verify = (path: string, raw: string, headers: IncomingMessage['headers']): any => {
    const h = {
      'webhook-id': String(headers['webhook-id']),
      'webhook-timestamp': String(headers['webhook-timestamp']),
      'webhook-signature': String(headers['webhook-signature']),
    };
    const attempt = () => {
      for (const secret of secrets.get(path) ?? []) {
        try {
          return new Webhook(secret).verify(raw, h);
        } catch {
          // try the next secret
        }
      }
      return undefined;
    };
    if (!opts.now) return attempt();
    // standardwebhooks judges the timestamp against Date.now(): let the receiver live at the test's time
    vi.useFakeTimers({ toFake: ['Date'], now: opts.now() });
    try {
      return attempt();
    } finally {
      vi.useRealTimers();
    }
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').slice(1);
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = verify(path, raw, req.headers);
      const received: ReceivedRequest = {
        path,
        id: String(req.headers['webhook-id'] ?? ''),
        timestamp: Number(req.headers['webhook-timestamp'] ?? 0),
        signature: String(req.headers['webhook-signature'] ?? ''),
        raw,
        body: body ?? null,
        verified: body !== undefined,
        answered: null,
      };
      requests.push(received);
      const n = (counts.get(path) ?? 0) + 1;
      counts.set(path, n);
      const behaviour = behaviours.get(path)?.(n, received) ?? { status: received.verified ? 200 : 401 };
      if ('hang' in behaviour) hanging.push({ res, req: received });
      else {
        received.answered = behaviour.status;
        res.writeHead(behaviour.status, behaviour.headers).end(behaviour.status >= 400 ? `receiver says ${behaviour.status}` : 'ok');
      }
      for (const w of [...waiting]) {
        if (w.path === undefined || w.path === path) {
          waiting.splice(waiting.indexOf(w), 1);
          w.resolve(received);
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: (path) => `http://127.0.0.1:${port}/${path}`,
    trust(path, ...list) {
      secrets.set(path, [...(secrets.get(path) ?? []), ...list]);
    },
    behave(path, answer) {
      behaviours.set(path, answer);
    },
    requests,
    delivered: (path) => requests.filter((r) => r.verified && r.answered !== null && r.answered < 300 && (path === undefined || r.path === path)),
    next: (path) => new Promise((resolve) => waiting.push({ path, resolve })),
    release(status = 200) {
      for (const h of hanging.splice(0)) {
        h.req.answered = status;
        h.res.writeHead(status).end();
      }
    },
    async close() {
      for (const h of hanging.splice(0)) h.res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
