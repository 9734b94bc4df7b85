import type { Principal } from '../auth/Principal.js';
import type { Db } from '../db/createDb.js';
import type { SqlRunner } from '../db/SqlRunner.js';
import type { PagingLimits } from './paging.js';

/** What every read service closes over; built once per request by createServices. */
export interface ReadDeps {
  db: Db;
  runner: SqlRunner;
  principal: Principal;
  requestId: string;
  clock: () => Date;
  paging: PagingLimits;
}
