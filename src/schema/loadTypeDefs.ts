import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** schema/ at the repository root (src/schema/ -> ../../schema). */
export const SCHEMA_DIR = fileURLToPath(new URL('../../schema/', import.meta.url));

/**
 * The SDL of every schema/*.graphql file, sorted by file name so the merged schema is the same
 * on every machine. Pass the result to makeExecutableSchema({ typeDefs, resolvers }).
 */
export function loadTypeDefs(dir: string = SCHEMA_DIR): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => readFileSync(join(dir, name), 'utf8'));
}
