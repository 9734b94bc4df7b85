import type { Config } from '../config/Config.js';
import { createDb } from './createDb.js';
import type { Db } from './Db.js';

/** Opens the database the configuration names (embedded SQLite when DATABASE_URL is unset). `create: false` never makes a new SQLite file. */
export function openDb(config: Config, opts: { create?: boolean } = {}): Promise<Db> {
  return createDb({
    url: config.db.url,
    sqliteFile: config.db.sqliteFile,
    create: opts.create,
    replicaUrl: config.db.readReplicaUrl,
    readUrl: config.db.readUrl,
    interactivePoolSize: config.db.poolInteractive,
    reportingPoolSize: config.db.poolReporting,
    reportingQueueLimit: config.db.reportingQueue,
    replicaRetryMs: config.db.replicaRetryMs,
  });
}
