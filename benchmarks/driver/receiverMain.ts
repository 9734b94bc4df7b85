/**
 * The webhooks scenario's receiver process: a plain HTTP server answering 204 at once, so
 * receiving never shares an event loop with the server that delivers. It verifies the first
 * deliveries of each endpoint with standardwebhooks (as an integrator would) and times every
 * one from its event's timestamp (the commit) to its arrival; the runner asks over IPC.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

interface Request {
  id: number;
  op: 'trust' | 'stats' | 'latencies';
  path?: string;
  secret?: string;
  /** only the endpoints whose path starts with this */
  prefix?: string;
}

const VERIFY_FIRST = 25;
const secrets = new Map<string, string>();
const checked = new Map<string, number>();
const receipts: { path: string; latencyMs: number }[] = [];
const seen = new Set<string>();
const signatures = { verified: 0, failed: 0 };

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const receivedAt = performance.timeOrigin + performance.now();
    res.writeHead(204).end();
    const path = (req.url ?? '/').slice(1);
    const raw = Buffer.concat(chunks).toString('utf8');
    const n = checked.get(path) ?? 0;
    const secret = secrets.get(path);
    if (secret && n < VERIFY_FIRST) {
      checked.set(path, n + 1);
      try {
        new Webhook(secret).verify(raw, req.headers as Record<string, string>);
        signatures.verified++;
      } catch {
        signatures.failed++;
      }
    }
    seen.add(`${path} ${String(req.headers['webhook-id'])}`);
    receipts.push({ path, latencyMs: receivedAt - Date.parse((JSON.parse(raw) as { timestamp: string }).timestamp) });
  });
});
server.keepAliveTimeout = 60_000;

process.on('message', (m: Request) => {
  if (m.op === 'trust') secrets.set(m.path!, m.secret!);
  const mine = (path: string) => path.startsWith(m.prefix ?? '');
  const result =
    m.op === 'stats'
      ? { received: receipts.filter((r) => mine(r.path)).length, unique: [...seen].filter((k) => mine(k)).length, ...signatures }
      : m.op === 'latencies'
        ? receipts.filter((r) => mine(r.path)).map((r) => r.latencyMs)
        : 'ok';
  process.send?.({ id: m.id, result });
});
process.on('disconnect', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
server.listen(0, '127.0.0.1', () => process.send?.({ id: 0, result: (server.address() as AddressInfo).port }));
