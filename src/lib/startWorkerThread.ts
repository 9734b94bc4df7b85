import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A worker thread on `entry`. Built code (.js) loads as it is; a TypeScript source (tsx in
 * development, tests and the benchmarks) loads through tsx registered inside the thread, because
 * Node 20 does not carry the parent's --import loader into workers.
 */
export function startWorkerThread(entry: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { ...options, eval: true });
}
