import type { Config } from '../config/Config.js';
import type { Db } from '../db/Db.js';

/** What every command needs from the outside: configuration and the database (tests pass their own). */
export interface CliDeps {
  loadConfig: () => Config;
  /** `create: false`: refuse a missing SQLite file rather than make an empty one */
  openDb: (config: Config, opts?: { create?: boolean }) => Promise<Db>;
}

export const printJson = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
};

export const say = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};
