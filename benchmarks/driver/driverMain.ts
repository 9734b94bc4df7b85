/**
 * The load driver process: runs jobs sent by the runner over IPC, so the load generator never
 * shares an event loop (or a core) with the server it measures.
 */
import type { DriverJob } from './jobs.js';
import { runAutocannon } from './runAutocannon.js';
import { runOpenLoop } from './runOpenLoop.js';
import { runSqlClosedLoop, runSqlOpenLoop } from './runSqlLoads.js';

interface JobMessage {
  id: number;
  job: DriverJob;
}

process.on('message', (message: JobMessage) => {
  const { id, job } = message;
  const run =
    job.type === 'autocannon'
      ? runAutocannon(job)
      : job.type === 'openLoop'
        ? runOpenLoop(job)
        : job.type === 'sqlOpenLoop'
          ? runSqlOpenLoop(job)
          : runSqlClosedLoop(job);
  run.then(
    (result) => process.send?.({ id, ok: true, result }),
    (error: unknown) => process.send?.({ id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
process.send?.({ id: 0, ok: true, result: 'ready' });
