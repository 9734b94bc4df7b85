import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../lib/packageRoot.js';

/** schema/ at the package root (the same from the sources and from dist/). */
const schemaDir = (): string => join(packageRoot(), 'schema');

/**
 * The SDL of every schema/*.graphql file, sorted by file name so the merged schema is the same
 * on every machine. Pass the result to makeExecutableSchema({ typeDefs, resolvers }).
 */
export function loadTypeDefs(dir: string = schemaDir()): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => readFileSync(join(dir, name), 'utf8'));
}
