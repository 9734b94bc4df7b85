import type { MigrationDb } from './migrations/columnHelpers.js';
import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import { practiceTables } from './migrations/m0001_practice.js';
import { gatewayTables } from './migrations/m0002_gateway.js';
import { securityLogHead } from './migrations/m0003_securitylog_head.js';
import { clientClass } from './migrations/m0004_client_class.js';
import { idempotencyOutcome } from './migrations/m0005_idempotency.js';
import { eventTables } from './migrations/m0007_events.js';
import { consoleTables } from './migrations/m0008_console.js';
import { lifecycle } from './migrations/m0009_lifecycle.js';
import { endpointLease } from './migrations/m0010_endpoint_lease.js';

/** Static provider: migrations are code, not a folder scan, so bundling and tsx both work. */
function migrationsFor(dialect: 'mysql' | 'sqlite'): MigrationProvider {
  const all: Record<string, Migration> = {
    '0001_practice': practiceTables(dialect),
    '0002_gateway': gatewayTables(dialect),
    '0003_securitylog_head': securityLogHead(),
    '0004_client_class': clientClass(),
    '0005_idempotency': idempotencyOutcome(),
    '0007_events': eventTables(dialect),
    '0008_console': consoleTables(dialect),
    '0009_lifecycle': lifecycle(dialect),
    '0010_endpoint_lease': endpointLease(),
  };
  return { getMigrations: async () => all };
}

/** Applies every pending migration; a second run applies nothing. */
export async function migrateToLatest(db: MigrationDb, dialect: 'mysql' | 'sqlite'): Promise<{ applied: string[] }> {
  const migrator = new Migrator({
    db,
    provider: migrationsFor(dialect),
    migrationTableName: 'gw_migration',
    migrationLockTableName: 'gw_migration_lock',
    // numbers are reserved per feature and may land out of order (0008 before 0006); every migration only adds
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
