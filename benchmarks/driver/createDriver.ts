import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadStats } from '../lib/types.js';
import type { DriverJob } from './jobs.js';

/** A load-driver child process; each call to `run` sends one job and resolves with its stats. */
export interface Driver {
  run(job: DriverJob): Promise<LoadStats>;
  close(): Promise<void>;
}

interface Reply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

/** Forks benchmarks/driver/driverMain.ts with the same TypeScript loader (tsx) as this process. */
export async function createDriver(): Promise<Driver> {
  const entry = fileURLToPath(new URL('./driverMain.ts', import.meta.url));
  const usesTsx = process.execArgv.some((a) => a.includes('tsx'));
  const child: ChildProcess = fork(entry, [], {
    execArgv: usesTsx ? process.execArgv : [...process.execArgv, '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, { resolve: (v: LoadStats) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let failure: Error | null = null;
  const failAll = (error: Error) => {
    failure = error;
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  };
  await new Promise<void>((resolve, reject) => {
    const onReady = (m: Reply) => {
      if (m.id === 0) {
        child.off('message', onReady);
        resolve();
      }
    };
    child.on('message', onReady);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`load driver exited before starting (code ${code})`)));
  });
  child.on('message', (m: Reply) => {
    const w = waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id);
    if (m.ok) w.resolve(m.result as LoadStats);
    else w.reject(new Error(`load driver: ${m.error}`));
  });
  child.on('exit', (code) => failAll(new Error(`load driver exited (code ${code})`)));
  return {
    run(job) {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      return new Promise<LoadStats>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        child.send({ id, job });
      });
    },
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
