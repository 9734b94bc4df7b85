import type { SqlRunner } from '../../db/SqlRunner.js';
import { toSqlDateTime } from '../../lib/dates.js';

/** Writes keys' last-use times: one UPDATE per key, all in one transaction. */
export type LastUseWriter = (batch: ReadonlyMap<number, Date>) => Promise<void>;

export function createLastUseWriter(runner: SqlRunner): LastUseWriter {
  return async (batch) => {
    await runner.transaction('auth.lastUse', async (trx) => {
      for (const [keyId, at] of batch) {
        await runner.exec(
          trx,
          'auth.lastUse',
          trx
            .updateTable('gw_api_key')
            .set({ last_used_at: toSqlDateTime(at) })
            .where('id', '=', keyId),
        );
      }
    });
  };
}
