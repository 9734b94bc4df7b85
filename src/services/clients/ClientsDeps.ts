import type { Db } from '../../db/createDb.js';
import type { SqlRunner } from '../../db/SqlRunner.js';
import type { Principal } from '../../auth/Principal.js';
import type { AdminLogEntry } from './appendAdminLog.js';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/tables.js';

export interface ClientsDeps {
  db: Db;
  runner: SqlRunner;
  principal: Principal;
  requestId: string;
  clock: () => Date;
  /** KEY_ROTATION_GRACE_S: how long a rotated-out key keeps working. Default 86400. */
  keyRotationGraceS?: number;
  /** called after a committed client/key/switch change, so this instance's identity cache reloads at once (others poll) */
  afterChange?: () => Promise<void>;
  /** writes one securitylog row inside the admin action's transaction */
  appendLog?: (trx: Transaction<Database>, entry: AdminLogEntry) => Promise<void>;
}
