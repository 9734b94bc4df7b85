import { connect } from 'node:net';
import { describe, expect } from 'vitest';
import { harness, matrix, startServer } from '../harness/harness.js';

/** Sends `chunks` on a raw socket and resolves with everything the server wrote once it closes the socket. */
function exchange(port: number, chunks: readonly string[]): Promise<{ reply: string; serverEnded: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' });
    let reply = '';
    let serverEnded = false;
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (reply += d));
    socket.on('end', () => (serverEnded = true));
    socket.on('error', reject);
    socket.on('close', () => resolve({ reply, serverEnded }));
    socket.on('connect', () => chunks.forEach((c) => socket.write(c)));
  });
}

const head = (extra: string) => `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${extra}`;

/**
 * Slow and oversized clients lose their socket, with the server's answer, after the configured
 * limits (small here, so the test waits a moment; it never measures how long).
 */
describe.each(matrix())('[%s] slow clients', (_name, dialect) => {
  const it = harness(dialect);

  it('headers and part of a body, headers cut short, an oversized head, an idle keep-alive socket', async ({ db }) => {
    const started = await startServer(db, {
      config: { http: { requestTimeoutMs: 400, headersTimeoutMs: 200, keepAliveTimeoutMs: 150, maxHeaderBytes: 2048 } },
    });
    try {
      const port = Number(new URL(started.base).port);
      // an unauthenticated client that sent its headers and half its body
      const body = await exchange(port, [head('Content-Length: 100\r\n\r\n'), '{"query":"{ vie']);
      expect(body.reply).toMatch(/^HTTP\/1\.1 408 /);
      expect(body.serverEnded).toBe(true);
      // a client that never finishes its headers
      const headers = await exchange(port, ['POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Ty']);
      expect(headers.reply).toMatch(/^HTTP\/1\.1 408 /);
      // a head larger than HTTP_MAX_HEADER_BYTES
      const big = await exchange(port, [head(`X-Filler: ${'f'.repeat(4096)}\r\nContent-Length: 2\r\n\r\n{}`)]);
      expect(big.reply).toMatch(/^HTTP\/1\.1 431 /);
      // a finished request on a keep-alive socket: answered, then the idle socket is closed by the server
      const idle = await exchange(port, ['GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n']);
      expect(idle.reply).toMatch(/^HTTP\/1\.1 200 /);
      expect(idle.serverEnded).toBe(true);
    } finally {
      await started.close();
    }
  });
});
