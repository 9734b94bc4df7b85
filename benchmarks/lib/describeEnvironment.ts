import { readFileSync } from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';

/** The machine and software a run measured, stored beside every figure. */
export interface Environment {
  node: string;
  platform: string;
  arch: string;
  osRelease: string;
  cpus: { model: string; speedMHz: number; count: number };
  memoryBytes: number;
  freeMemoryBytes: number;
  loadAverage: number[];
  database: string | null;
  packages: Record<string, string>;
  chartgateVersion: string;
  ci: boolean;
  /** graphql-js and others take production code paths only when this is 'production' */
  nodeEnv: string | null;
}

const PACKAGES = ['@apollo/server', 'fastify', 'graphql', 'kysely', 'mysql2', 'dataloader', 'autocannon', 'tsx'];

export function describeEnvironment(databaseVersion: string | null, ci: boolean): Environment {
  const require = createRequire(import.meta.url);
  const packages: Record<string, string> = {};
  for (const name of PACKAGES) {
    try {
      packages[name] = (require(`${name}/package.json`) as { version: string }).version;
    } catch {
      packages[name] = readVersionByPath(name) ?? 'unknown';
    }
  }
  const cpus = os.cpus();
  const root = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return {
    node: process.version,
    platform: os.platform(),
    arch: os.arch(),
    osRelease: os.release(),
    cpus: { model: cpus[0]?.model ?? 'unknown', speedMHz: cpus[0]?.speed ?? 0, count: cpus.length },
    memoryBytes: os.totalmem(),
    freeMemoryBytes: os.freemem(),
    loadAverage: os.loadavg(),
    database: databaseVersion,
    packages,
    chartgateVersion: root.version,
    ci,
    nodeEnv: process.env.NODE_ENV ?? null,
  };
}

// some packages do not export ./package.json; read it from node_modules directly
function readVersionByPath(name: string): string | null {
  try {
    const url = new URL(`../../node_modules/${name}/package.json`, import.meta.url);
    return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
  } catch {
    return null;
  }
}
