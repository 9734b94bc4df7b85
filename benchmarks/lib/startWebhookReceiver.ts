import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ReceiverStats {
  /** requests received */
  received: number;
  /** distinct (endpoint, webhook-id) pairs among them */
  unique: number;
  verified: number;
  failed: number;
}

/** The webhooks scenario's receiver, in its own process (benchmarks/driver/receiverMain.ts). */
export interface BenchReceiver {
  url(path: string): string;
  /** the secret a path verifies its first deliveries with */
  trust(path: string, secret: string): Promise<void>;
  /** of the endpoints whose path starts with `prefix` (default: all) */
  stats(prefix?: string): Promise<ReceiverStats>;
  /** commit-to-receipt in ms of every delivery to the endpoints whose path starts with `prefix` */
  latencies(prefix: string): Promise<number[]>;
  close(): Promise<void>;
}

/** Forks the receiver with the same TypeScript loader (tsx) as this process. */
export async function startWebhookReceiver(): Promise<BenchReceiver> {
  const entry = fileURLToPath(new URL('../driver/receiverMain.ts', import.meta.url));
  const usesTsx = process.execArgv.some((a) => a.includes('tsx'));
  const child = fork(entry, [], {
    execArgv: usesTsx ? process.execArgv : [...process.execArgv, '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, (result: unknown) => void>();
  let nextId = 1;
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`webhook receiver exited before starting (code ${code})`)));
    child.on('message', (m: { id: number; result: unknown }) => {
      if (m.id === 0) resolve(Number(m.result));
      else waiting.get(m.id)?.(m.result);
      waiting.delete(m.id);
    });
  });
  const ask = <T>(message: Record<string, unknown>) =>
    new Promise<T>((resolve) => {
      const id = nextId++;
      waiting.set(id, (r) => resolve(r as T));
      child.send({ id, ...message });
    });
  return {
    url: (path) => `http://127.0.0.1:${port}/${path}`,
    trust: (path, secret) => ask<void>({ op: 'trust', path, secret }),
    stats: (prefix) => ask<ReceiverStats>({ op: 'stats', prefix }),
    latencies: (prefix) => ask<number[]>({ op: 'latencies', prefix }),
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}
