import { randomUUID } from 'node:crypto';
import type { Config } from '../config/Config.js';
import type { Db } from '../db/createDb.js';
import { createSqlRunner } from '../db/SqlRunner.js';
import { systemPrincipal } from '../auth/Principal.js';
import { createClientsService, type ClientsService } from '../services/clients/clients.service.js';

export interface AdminCliDeps {
  loadConfig: () => Config;
  openDb: (config: Config) => Promise<Db>;
}

/**
 * Runs one admin CLI action with a clients service acting as chartgate itself (ProgramNum 0),
 * then closes the database. Admin actions land in the security log like the GraphQL ones.
 */
export async function withClientsService<T>(deps: AdminCliDeps, fn: (service: ClientsService, db: Db) => Promise<T>): Promise<T> {
  const config = deps.loadConfig();
  const db = await deps.openDb(config);
  try {
    const requestId = `cli-${randomUUID()}`;
    const runner = createSqlRunner(db, { clientId: 0, requestId });
    const service = createClientsService({
      db,
      runner,
      principal: systemPrincipal(),
      requestId,
      clock: () => new Date(),
      keyRotationGraceS: config.auth.keyRotationGraceS,
    });
    return await fn(service, db);
  } finally {
    await db.destroy();
  }
}

export const printJson = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
};
export const say = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};
export const csv = (v: string | undefined): string[] => (v ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0);
export const positiveInt = (v: string): number => {
  if (!/^\d+$/.test(v) || Number(v) <= 0) throw new Error(`not a positive integer: ${v}`);
  return Number(v);
};
