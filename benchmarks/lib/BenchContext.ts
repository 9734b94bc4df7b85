import type { Db } from '../../src/db/createDb.js';
import type { Driver } from '../driver/createDriver.js';
import type { AdminConnection } from './createAdminConnection.js';
import type { Progress } from './createProgress.js';
import type { BenchClients } from './createBenchClients.js';
import type { DatasetFacts } from './readDatasetFacts.js';
import type { RunOptions } from './RunOptions.js';
import type { BenchServer, ServerVariant } from './startBenchServer.js';

/** What every scenario gets from the runner. */
export interface BenchContext {
  options: RunOptions;
  progress: Progress;
  /** chartgate's Db on the bench database: shared by every in-process server and the plain handler */
  db: Db;
  /** the runner's own connection (process list, general log), outside chartgate's pools */
  admin: AdminConnection;
  /** two load-driver processes: [0] for the main load, [1] for the open-loop probe beside it */
  drivers: [Driver, Driver];
  facts: DatasetFacts;
  clients: BenchClients;
  /** starts an in-process chartgate server; the scenario closes it */
  startServer(variant?: ServerVariant): Promise<BenchServer>;
}
