import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchServer, ServerVariant } from './startBenchServer.js';

interface Reply {
  ready?: boolean;
  ok?: boolean;
  url?: string;
  error?: string;
}

/** Starts chartgate in a child process (childServerMain.ts, same tsx loader) with its own pools; close() ends it by its PID. */
export async function startChildServer(mysqlUrl: string, variant: ServerVariant): Promise<BenchServer> {
  const entry = fileURLToPath(new URL('./childServerMain.ts', import.meta.url));
  const usesTsx = process.execArgv.some((a) => a.includes('tsx'));
  const child = fork(entry, [], {
    execArgv: usesTsx ? process.execArgv : [...process.execArgv, '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.on('message', (m: Reply) => {
      if (m.ready) child.send({ mysqlUrl, variant });
      else if (m.ok && m.url) resolve(m.url);
      else reject(new Error(`child server: ${m.error ?? 'no URL'}`));
    });
    child.once('error', reject);
    void exited.then(() => reject(new Error(`child server exited before listening (code ${child.exitCode})`)));
  });
  return {
    url,
    async close() {
      if (child.exitCode !== null) return;
      child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
