import type { Db } from './Db.js';
import { seedPractice, type SeedOptions, type SeedResult } from './seed/seedPractice.js';

export type { SeedOptions, SeedResult } from './seed/seedPractice.js';
export type { SeedScale } from './seed/seedScales.js';

/** `chartgate seed` and the embedded demo's first start. */
export function runSeed(db: Db, options: SeedOptions): Promise<SeedResult> {
  return seedPractice(db, options);
}
