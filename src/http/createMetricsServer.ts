import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface MetricsServer {
  /** listens on METRICS_HOST:METRICS_PORT and returns the endpoint's URL */
  listen(): Promise<string>;
  /** the URL of GET /metrics once listening, else null */
  url(): string | null;
  close(): Promise<void>;
}

export interface MetricsServerOptions {
  port: number;
  host: string;
  /** the public server's slow-client limits hold here too */
  requestTimeoutMs: number;
  headersTimeoutMs: number;
}

/**
 * Prometheus metrics on their own listener (METRICS_PORT, loopback by default), never on the
 * public port: per-client request counts, rejections and costs are for the operator's scraper.
 * Only `GET /metrics`; everything else is 404.
 */
export function createMetricsServer(registry: Registry, opts: MetricsServerOptions): MetricsServer {
  let server: Server | null = null;
  let url: string | null = null;
  return {
    async listen() {
      const s = createServer({ requestTimeout: opts.requestTimeoutMs, headersTimeout: opts.headersTimeoutMs }, (req, res) => {
        if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
          res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
          return;
        }
        registry.metrics().then(
          (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
          () => res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('metrics unavailable\n'),
        );
      });
      server = s;
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(opts.port, opts.host, () => resolve());
      });
      const { port } = s.address() as AddressInfo;
      url = `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}/metrics`;
      return url;
    },
    url: () => url,
    async close() {
      const s = server;
      server = null;
      url = null;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
}
