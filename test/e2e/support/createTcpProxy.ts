import net from 'node:net';

export interface TcpProxy {
  readonly port: number;
  /** stops accepting and cuts every open connection: the database "goes away" */
  cut(): Promise<void>;
  /** accepts again on the same port: the database "comes back" */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/** A TCP forwarder in front of a real database, so a test can lose and regain the connection. */
export async function createTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream).pipe(client);
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const address = server!.address();
        port = typeof address === 'object' && address ? address.port : port;
        resolve();
      });
    });

  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      sockets.clear();
      if (!server) return resolve();
      server.close(() => resolve());
      server = undefined;
    });

  await listen();
  return {
    get port() {
      return port;
    },
    cut: stop,
    // idempotent: restoring a proxy that is up changes nothing
    restore: () => (server ? Promise.resolve() : listen()),
    close: stop,
  };
}
