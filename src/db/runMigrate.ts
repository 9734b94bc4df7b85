import type { Db } from './Db.js';
import { migrateToLatest } from './migrateToLatest.js';

/** `chartgate migrate` and start-up: applies pending migrations; running it twice changes nothing. */
export function runMigrate(db: Db): Promise<{ applied: string[] }> {
  return migrateToLatest(db.interactive, db.dialect);
}
