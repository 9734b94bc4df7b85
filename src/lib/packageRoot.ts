import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** chartgate's own directory (where its package.json is), from the sources or from dist/. */
export function packageRoot(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'schema'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('chartgate: cannot find its package directory');
    dir = up;
  }
}
