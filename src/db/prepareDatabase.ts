import type { Db } from './Db.js';
import { runMigrate } from './runMigrate.js';
import { runSeed } from './runSeed.js';
import type { SeedScale } from './seed/seedScales.js';

export interface PrepareOptions {
  scale: SeedScale;
  /** the demo's "today", 'YYYY-MM-DD' */
  asOf: string;
  /** progress lines for the operator (the serve command prints them) */
  say?: (line: string) => void;
  /** seed the embedded demo practice into an empty embedded database; default true (serve passes false in production) */
  seedDemo?: boolean;
}

/**
 * Start-up: migrate; on the embedded database also seed the demo practice the first time (no
 * patients yet), unless told not to (production). A MySQL/MariaDB database is a real practice and
 * is never seeded.
 */
export async function prepareDatabase(db: Db, opts: PrepareOptions): Promise<{ seeded: boolean }> {
  await runMigrate(db);
  if (db.dialect !== 'sqlite' || opts.seedDemo === false) return { seeded: false };
  const { count } = await db.interactive
    .selectFrom('patient')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  if (Number(count) > 0) return { seeded: false };
  opts.say?.(`Seeding a ${opts.scale} practice as of ${opts.asOf} (first start only)...`);
  await runSeed(db, { scale: opts.scale, seed: 1, asOf: opts.asOf });
  return { seeded: true };
}
