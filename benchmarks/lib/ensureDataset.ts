import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../src/db/createDb.js';
import { runMigrate } from '../../src/db/runMigrate.js';
import { runSeed } from '../../src/db/runSeed.js';

/** The benchmark practice's today: one dataset serves every run (it is reused while its digest matches). */
const BENCH_AS_OF = '2026-11-01';
import { createAdminConnection, databaseOf } from './createAdminConnection.js';
import type { Progress } from './createProgress.js';

export interface DatasetInfo {
  database: string;
  scale: string;
  seed: number;
  /** sha256 (first 16 hex) of src/db's sources: a changed seed or migration reseeds */
  fingerprint: string;
  reused: boolean;
  seedMs: number;
  counts: Record<string, number>;
}

const MARKER = 'bench_dataset';
const COUNTED = ['clinic', 'provider', 'operatory', 'patient', 'appointment', 'procedurelog', 'payment', 'paysplit'] as const;

/**
 * Makes sure the bench database holds the practice of this scale and seed: reused when the
 * marker row matches (scale, seed, fingerprint of src/db), otherwise dropped, migrated and
 * seeded again. `openDb` opens chartgate's Db on the database once it exists.
 */
export async function ensureDataset(opts: {
  url: string;
  scale: string;
  seed: number;
  reseed: boolean;
  progress: Progress;
  openDb: () => Promise<Db>;
}): Promise<{ db: Db; info: DatasetInfo }> {
  const database = databaseOf(opts.url);
  const fingerprint = await fingerprintDbSources();
  const server = await createAdminConnection(opts.url, false);
  let reused = false;
  try {
    await server.query(`CREATE DATABASE IF NOT EXISTS \`${database}\``);
    if (!opts.reseed) {
      const [tables] = await server.query(`SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?`, [database, MARKER]);
      if ((tables as unknown[]).length > 0) {
        const [rows] = await server.query(`SELECT scale, seed, fingerprint FROM \`${database}\`.${MARKER} WHERE id = 1`);
        const marker = (rows as { scale: string; seed: number; fingerprint: string }[])[0];
        reused = Boolean(marker && marker.scale === opts.scale && Number(marker.seed) === opts.seed && marker.fingerprint === fingerprint);
      }
    }
    if (!reused) {
      opts.progress.step(`dataset: recreating ${database}`);
      await server.query(`DROP DATABASE IF EXISTS \`${database}\``);
      await server.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    }
  } finally {
    await server.end();
  }

  const db = await opts.openDb();
  const started = Date.now();
  try {
    opts.progress.step('dataset: migrating');
    await runMigrate(db);
    if (!reused) {
      opts.progress.step(`dataset: seeding scale ${opts.scale} (seed ${opts.seed})`);
      await runSeed(db, { scale: opts.scale as 'small', seed: opts.seed, asOf: BENCH_AS_OF });
      const admin = await createAdminConnection(opts.url);
      try {
        await admin.query(
          `CREATE TABLE ${MARKER} (id INT PRIMARY KEY, scale VARCHAR(16) NOT NULL, seed INT NOT NULL, fingerprint VARCHAR(64) NOT NULL, loaded_at DATETIME NOT NULL)`,
        );
        await admin.query(`INSERT INTO ${MARKER} VALUES (1, ?, ?, ?, UTC_TIMESTAMP())`, [opts.scale, opts.seed, fingerprint]);
      } finally {
        await admin.end();
      }
    }
    const counts: Record<string, number> = {};
    const admin = await createAdminConnection(opts.url);
    try {
      for (const table of COUNTED) {
        const [rows] = await admin.query(`SELECT COUNT(*) AS n FROM ${table}`);
        counts[table] = Number((rows as { n: number }[])[0].n);
      }
    } finally {
      await admin.end();
    }
    return { db, info: { database, scale: opts.scale, seed: opts.seed, fingerprint, reused, seedMs: reused ? 0 : Date.now() - started, counts } };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

/** Hashes every file under src/db (migrations, seed generator, dialect setup). */
async function fingerprintDbSources(): Promise<string> {
  const root = fileURLToPath(new URL('../../src/db/', import.meta.url));
  const hash = createHash('sha256');
  const walk = async (dir: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) await walk(full);
      else if (/\.(ts|sql|json)$/.test(e.name)) hash.update(path.relative(root, full)).update(await readFile(full));
    }
  };
  await walk(root);
  return hash.digest('hex').slice(0, 16);
}
