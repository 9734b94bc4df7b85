import { DomainError } from '../../lib/DomainError.js';
import { ErrorCode } from '../../lib/ErrorCode.js';
import type { Db } from '../Db.js';
import { createRandom } from './createRandom.js';
import { createRowSink } from './createRowSink.js';
import { calendarSpan } from './calendarSpan.js';
import { seedPatients } from './seedPatients.js';
import { seedReference } from './seedReference.js';
import { seedScales, type SeedScale } from './seedScales.js';
import { seedSchedule } from './seedSchedule.js';

export interface SeedOptions {
  scale: SeedScale;
  /** PRNG seed (default 1): the same number gives the same practice on both dialects */
  seed?: number;
  /** "today" of the generated practice, 'YYYY-MM-DD': visits before it are history, after it are booked. The caller decides (the CLI: today, UTC). */
  asOf: string;
  onProgress?: (table: string, rows: number) => void;
}

export type SeedResult = Record<string, number>;

/** Generates a believable practice into an empty, migrated database, with multi-row inserts. */
export async function seedPractice(db: Db, options: SeedOptions): Promise<SeedResult> {
  const spec = seedScales[options.scale];
  const rnd = createRandom(options.seed ?? 1);
  const today = options.asOf;
  const existing = await db.interactive
    .selectFrom('patient')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) {
    throw new DomainError(ErrorCode.CONFLICT, 'The practice tables already hold patients; seed only an empty database');
  }
  const stamp = (date: string) => ({
    SecUserNumEntry: 1,
    SecProgramNumEntry: 0,
    SecUserNumEdit: 1,
    SecProgramNumEdit: 0,
    SecDateTEntry: `${date} 07:00:00`,
    DateTStamp: `${date} 07:00:00`,
    RowVersion: 1,
  });
  const run = async (k: typeof db.interactive) => {
    const sink = createRowSink(k, options.onProgress);
    const ref = await seedReference(sink, rnd, spec.clinics, stamp('2019-01-02'));
    const patients = await seedPatients(sink, rnd, ref, spec.patients, today, stamp);
    await seedSchedule(sink, rnd, ref, patients, spec.appointments, { ...calendarSpan(spec, ref.operatories.length, today), today }, stamp);
    await sink.flushAll();
    return { ...sink.counts };
  };
  if (db.syntax.seedInOneTransaction) return db.interactive.transaction().execute(run);
  return run(db.interactive);
}
