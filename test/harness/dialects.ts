import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPool } from 'mysql2/promise';
import { createDb, type Db } from '../../src/db/createDb.js';
import { migrateToLatest } from '../../src/db/migrateToLatest.js';

/** A fresh, migrated, empty database that this test owns; `release` drops it. */
export interface FreshDb {
  db: Db;
  /** DATABASE_URL for a second server instance on the same database (undefined on SQLite) */
  url?: string;
  /** the SQLite file (undefined on MySQL) */
  sqliteFile?: string;
  release(): Promise<void>;
}

export interface TestDialect {
  name: 'sqlite' | 'mysql';
  freshDb(): Promise<FreshDb>;
}

// Tests are not src/: reading the environment here does not break the config rule.
const isCi = !!process.env.CI && process.env.CI !== 'false';
export const mysqlBaseUrl: string | undefined = process.env.TEST_MYSQL_URL ?? (isCi ? 'mysql://root@127.0.0.1:3306/test' : undefined);

async function mysqlAnswers(url: string): Promise<boolean> {
  const pool = createPool({ uri: url, connectionLimit: 1, connectTimeout: 3000 });
  try {
    await pool.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await pool.end().catch(() => {});
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

const sqlite: TestDialect = {
  name: 'sqlite',
  async freshDb() {
    const dir = mkdtempSync(join(tmpdir(), 'cg-test-'));
    const sqliteFile = join(dir, 'practice.sqlite');
    const db = await createDb({ sqliteFile });
    await migrateToLatest(db.interactive, 'sqlite');
    return {
      db,
      sqliteFile,
      async release() {
        await db.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

function mysqlDialect(baseUrl: string): TestDialect {
  return {
    name: 'mysql',
    async freshDb() {
      const name = `cg_t_${randomBytes(5).toString('hex')}`;
      const admin = createPool({ uri: baseUrl, connectionLimit: 1 });
      await admin.query(`create database \`${name}\` character set utf8mb4`);
      const url = withDatabase(baseUrl, name);
      const db = await createDb({ url });
      await migrateToLatest(db.interactive, 'mysql');
      return {
        db,
        url,
        async release() {
          await db.destroy();
          await admin.query(`drop database if exists \`${name}\``);
          await admin.end();
        },
      };
    },
  };
}

async function resolveDialects(): Promise<TestDialect[]> {
  const list: TestDialect[] = [sqlite];
  if (mysqlBaseUrl) {
    if (await mysqlAnswers(mysqlBaseUrl)) list.push(mysqlDialect(mysqlBaseUrl));
    else if (isCi) throw new Error(`CI=true but MySQL/MariaDB at ${mysqlBaseUrl} does not answer: the MySQL suite must run under CI`);
    else console.warn(`[harness] TEST_MYSQL_URL=${mysqlBaseUrl} does not answer: running SQLite only`);
  }
  return list;
}

/** The dialect matrix: SQLite always; MySQL/MariaDB when TEST_MYSQL_URL answers (required under CI). */
export const dialects: TestDialect[] = await resolveDialects();
